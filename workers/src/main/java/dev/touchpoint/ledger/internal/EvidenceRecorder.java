package dev.touchpoint.ledger.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.DeliveryStatusUpdate;
import dev.touchpoint.channel.KioskEvent;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.KioskScreenDismissed;
import dev.touchpoint.channel.KioskScreenDisplayed;
import dev.touchpoint.channel.KioskScreenExpired;
import dev.touchpoint.channel.KioskSendToPhoneRequested;
import dev.touchpoint.context.ConsentEvidence;
import dev.touchpoint.context.ConsentGranted;
import dev.touchpoint.context.ConsentWithdrawn;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.delivery.TouchpointEvent;
import dev.touchpoint.ledger.EntryKind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;

/**
 * Turns application events into ledger entries and blocks the publishing thread until they are committed (the
 * events are published synchronously, so a job worker completes its job only after its evidence is durable; a
 * failure reaches it as {@link dev.touchpoint.ledger.EvidenceNotRecordedException}).
 */
public final class EvidenceRecorder {

    /**
     * Recent send decisions and deliveries are cached to spare a database read; a miss reads the ledger, so any
     * eviction policy is correct. Caffeine's keeps the entries that are asked for most.
     */
    private static final int RECENT = 100_000;

    private final LedgerWriter writer;
    private final LedgerStore store;
    private final Supplier<CustomerContextStore> contexts;
    private final DefaultEvidenceLedger ledger;
    private final Supplier<ConsentEvidence.Outbox> outbox;
    private final Clock clock;
    private final Cache<String, Boolean> recentSendDecisions = Caffeine.newBuilder().maximumSize(RECENT).build();
    private final Cache<String, ProviderMessage> recentDeliveries = Caffeine.newBuilder().maximumSize(RECENT).build();

    /** What a provider status needs to know about the send it refers to. */
    record ProviderMessage(String customerId, String processId, Integer processVersion, Long processInstanceKey,
                           String elementId, String idempotencyKey, String templateId, String templateVersion) {
    }

    public EvidenceRecorder(LedgerWriter writer, LedgerStore store, Supplier<CustomerContextStore> contexts,
                            DefaultEvidenceLedger ledger, Supplier<ConsentEvidence.Outbox> outbox, Clock clock) {
        this.writer = writer;
        this.store = store;
        this.contexts = contexts;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** First among the listeners of a touchpoint event: its evidence is committed before anything else reacts. */
    @EventListener
    @org.springframework.core.annotation.Order(0)
    public void on(TouchpointEvent event) {
        String key = event.header().idempotencyKey();
        boolean impliesSend = TouchpointEventMapping.impliesSend(event);
        boolean sendRecorded = impliesSend && key != null
                && (recentSendDecisions.getIfPresent(key) != null || store.sendDecisionRecorded(key));
        ConsentSnapshot snapshot = TouchpointEventMapping.yieldsDecision(event, sendRecorded)
                ? ConsentSnapshot.of(contexts.get(), event.header().customerId(), event.header().channel()) : null;
        List<EntryDraft> drafts = TouchpointEventMapping.drafts(event, sendRecorded, snapshot, clock.instant());
        writer.appendAndWait(drafts);
        if (impliesSend && key != null) {
            recentSendDecisions.put(key, Boolean.TRUE);
        }
        for (EntryDraft d : drafts) {
            if (d.kind() == EntryKind.DELIVERY_ATTEMPT && d.providerMessageId() != null && d.customerId() != null) {
                recentDeliveries.put(d.providerMessageId(), new ProviderMessage(d.customerId(), d.processId(),
                        d.processVersion(), d.processInstanceKey(), d.elementId(), d.idempotencyKey(), d.templateId(), d.templateVersion()));
            }
        }
    }

    @EventListener
    public void on(DeliveryStatusReported event) {
        DeliveryStatusUpdate u = event.update();
        Optional<ProviderMessage> send = sendOf(u.providerMessageId());
        String customerId = u.customerId() != null ? u.customerId() : send.map(ProviderMessage::customerId).orElse(null);
        EntryDraft.Builder b = EntryDraft.builder(EntryKind.PROVIDER_STATUS, u.occurredAt())
                .customer(customerId)
                .channel(u.channel().name())
                .providerMessageId(u.providerMessageId())
                .outcome(u.status().name())
                .reason(u.failureReason() == null ? null : u.failureReason().name())
                .idempotencyKey(u.idempotencyKey() != null ? u.idempotencyKey() : send.map(ProviderMessage::idempotencyKey).orElse(null))
                .attribute("vendorStatus", u.vendorStatus())
                .attribute("errorCode", u.errorCode());
        send.ifPresent(s -> b.journey(s.processId(), s.processVersion(), s.processInstanceKey()).element(s.elementId())
                .template(s.templateId(), s.templateVersion()));
        writer.appendAndWait(List.of(b.build()));
    }

    @EventListener
    public void on(KioskEvent event) {
        String outcome = switch (event) {
            case KioskScreenDisplayed e -> "DISPLAYED";
            case KioskOfferAccepted e -> "OFFER_ACCEPTED";
            case KioskSendToPhoneRequested e -> "SEND_TO_PHONE_REQUESTED";
            case KioskScreenDismissed e -> "DISMISSED";
            case KioskScreenExpired e -> "EXPIRED";
            // the answer itself is recorded by SurveyAnswers (SURVEY_ANSWERED) when it answers an open survey
            case dev.touchpoint.channel.KioskSurveyAnswered e -> "SURVEY_ANSWERED";
        };
        Optional<ProviderMessage> send = sendOf(event.providerMessageId());
        EntryDraft.Builder b = EntryDraft.builder(EntryKind.PROVIDER_STATUS, event.occurredAt())
                .customer(event.customerId())
                .channel(Channel.KIOSK.name())
                .providerMessageId(event.providerMessageId())
                .idempotencyKey(event.idempotencyKey())
                .outcome(outcome)
                .attribute("storeId", event.storeId())
                .attribute("kioskId", event.kioskId());
        send.ifPresent(s -> b.journey(s.processId(), s.processVersion(), s.processInstanceKey()).element(s.elementId())
                .template(s.templateId(), s.templateVersion()));
        writer.appendAndWait(List.of(b.build()));
    }

    /**
     * A survey answer: its evidence (what was answered, to which touchpoint, on which channel), never the comment. Once
     * per survey touchpoint (one invitation each): a retried hand-over (the survey sweeper, ADR-0030 §3) finds the
     * entry and adds none.
     */
    @EventListener
    public void on(dev.touchpoint.survey.SurveyAnswered event) {
        if (event.touchpointKey() != null && store.entryRecorded(EntryKind.SURVEY_ANSWERED, event.touchpointKey())) {
            return;
        }
        EntryDraft.Builder b = EntryDraft.builder(EntryKind.SURVEY_ANSWERED, event.answeredAt())
                .customer(event.customerId())
                .channel(event.answeredOn())
                .idempotencyKey(event.touchpointKey())
                .template(event.survey(), null)
                .outcome("ANSWERED")
                .attribute("survey", event.survey())
                .attribute("metric", event.metric())
                .attribute("score", event.score())
                .attribute("askedOn", event.askedOn())
                .attribute("journey", event.journey())
                .attribute("touchpoint", event.measures())
                .attribute("commentPresent", event.commentPresent());
        writer.appendAndWait(List.of(b.build()));
    }

    @EventListener
    public void on(ConsentGranted event) {
        consent(event.evidenceKey(), event.customerId(), event.channel(), event.purpose(), "GRANTED", event.source(),
                event.proof(), event.at());
    }

    @EventListener
    public void on(ConsentWithdrawn event) {
        consent(event.evidenceKey(), event.customerId(), event.channel(), event.purpose(), "WITHDRAWN", event.source(),
                event.proof(), event.at());
    }

    /** A consent change whose evidence the context's outbox still holds (the relay's path). */
    public void record(ConsentEvidence.Pending pending) {
        consent(pending.evidenceKey(), pending.customerId(), pending.channel(), pending.purpose(), pending.status().name(),
                pending.source(), pending.proof(), pending.at());
    }

    /** The context erased the customer: destroy their ledger key too, and record it. */
    @EventListener
    public void on(CustomerErased event) {
        ledger.erase(event.customerId(), event.requestedBy(), true, "context", event.erased());
        recentDeliveries.asMap().values().removeIf(m -> event.customerId().equals(m.customerId()));
    }

    /**
     * Records a consent change once per evidence key (a retried change, or the relay of a change whose first recording
     * failed, finds its entry and adds none), then clears the context's pending row.
     */
    private void consent(String evidenceKey, String customerId, Channel channel, Purpose purpose, String status,
                         ConsentSource source, String proof, Instant at) {
        if (!store.entryRecorded(EntryKind.CONSENT_CHANGE, evidenceKey)) {
            writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.CONSENT_CHANGE, at == null ? clock.instant() : at)
                    .customer(customerId)
                    .channel(channel.name())
                    .outcome(status)
                    .reason(source == null ? null : source.name())
                    .idempotencyKey(evidenceKey)
                    .attribute("purpose", purpose.name())
                    .personal("proof", proof)
                    .build()));
        }
        ConsentEvidence.Outbox pending = outbox.get();
        if (pending != null) {
            pending.done(evidenceKey);
        }
    }

    private Optional<ProviderMessage> sendOf(String providerMessageId) {
        ProviderMessage recent = recentDeliveries.getIfPresent(providerMessageId);
        if (recent != null) {
            return Optional.of(recent);
        }
        return store.findDeliveryByProviderMessageId(providerMessageId).map(r -> new ProviderMessage(r.customerId(),
                r.processId(), r.processVersion(), r.processInstanceKey(), r.elementId(), r.idempotencyKey(),
                r.templateId(), r.templateVersion()));
    }

}
