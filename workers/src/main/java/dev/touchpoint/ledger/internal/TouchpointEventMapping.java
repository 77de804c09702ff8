package dev.touchpoint.ledger.internal;

import dev.touchpoint.delivery.TouchpointEvent;
import dev.touchpoint.ledger.EntryKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one {@link TouchpointEvent} becomes ledger entries (documented in docs/compliance-guide.md):
 *
 * <table>
 *   <tr><th>event kind</th><th>entries</th></tr>
 *   <tr><td>SENDING (before the adapter is called)</td><td>DECISION SEND (first time for the key) + DELIVERY_ATTEMPT STARTED</td></tr>
 *   <tr><td>SENT, UNCONFIRMED, UNDELIVERABLE, RETRY_SCHEDULED</td><td>DECISION SEND (only when none is recorded for the
 *       idempotency key yet) + DELIVERY_ATTEMPT with that outcome</td></tr>
 *   <tr><td>SUPPRESSED</td><td>DECISION SUPPRESS with the reason</td></tr>
 *   <tr><td>DEFERRED</td><td>DECISION DEFER with the reason and until</td></tr>
 * </table>
 * A DECISION carries the consent snapshot; free-text detail and consent proofs are personal fields. Every kind is
 * handled by an exhaustive switch: a new kind of event does not compile until it is mapped here.
 */
public final class TouchpointEventMapping {

    /** The outcome of the attempt a SENDING event starts. */
    public static final String STARTED = "STARTED";
    /** The engine incarnation of an entry's journey instance (ADR-0022): qualifies its process instance key. */
    public static final String ENGINE_ATTRIBUTE = "engine";

    private TouchpointEventMapping() {
    }

    /** Whether the event means a SEND decision was taken (so one must be on record). */
    public static boolean impliesSend(TouchpointEvent event) {
        return switch (event) {
            case TouchpointEvent.Sending sending -> true;
            case TouchpointEvent.Sent sent -> true;
            case TouchpointEvent.Unconfirmed unconfirmed -> true;
            case TouchpointEvent.Undeliverable undeliverable -> true;
            case TouchpointEvent.RetryScheduled retryScheduled -> true;
            case TouchpointEvent.Suppressed suppressed -> false;
            case TouchpointEvent.Deferred deferred -> false;
        };
    }

    /** Whether the event yields a DECISION entry, given whether a SEND decision is already recorded for its key. */
    public static boolean yieldsDecision(TouchpointEvent event, boolean sendAlreadyRecorded) {
        return !impliesSend(event) || !sendAlreadyRecorded;
    }

    /**
     * The entries for one event.
     *
     * @param sendAlreadyRecorded whether a DECISION SEND exists for the event's idempotency key
     * @param snapshot            the consent snapshot, needed when {@link #yieldsDecision} is true
     * @param now                 used when the event carries no time
     */
    public static List<EntryDraft> drafts(TouchpointEvent event, boolean sendAlreadyRecorded, ConsentSnapshot snapshot, Instant now) {
        Instant at = event.header().at() == null ? now : event.header().at();
        return switch (event) {
            case TouchpointEvent.Suppressed suppressed -> List.of(decision(event, snapshot, at).decision("SUPPRESS")
                    .reason(suppressed.reason()).personal("detail", suppressed.detail()).build());
            case TouchpointEvent.Deferred deferred -> List.of(decision(event, snapshot, at).decision("DEFER")
                    .reason(deferred.reason()).until(deferred.until()).build());
            case TouchpointEvent.Sending sending -> attempt(event, sendAlreadyRecorded, snapshot, at, STARTED);
            case TouchpointEvent.Sent sent -> attempt(event, sendAlreadyRecorded, snapshot, at, event.kind(), b -> b
                    .providerMessageId(sent.providerMessageId()));
            case TouchpointEvent.Unconfirmed unconfirmed -> attempt(event, sendAlreadyRecorded, snapshot, at, event.kind(), b -> b
                    .reason(unconfirmed.reason()).personal("detail", unconfirmed.detail()));
            case TouchpointEvent.Undeliverable undeliverable -> attempt(event, sendAlreadyRecorded, snapshot, at, event.kind(), b -> b
                    .reason(undeliverable.reason()).personal("detail", undeliverable.detail()));
            case TouchpointEvent.RetryScheduled retry -> attempt(event, sendAlreadyRecorded, snapshot, at, event.kind(), b -> b
                    .reason(retry.reason()).until(retry.until()).personal("detail", retry.detail()));
        };
    }

    /** A DELIVERY_ATTEMPT with its outcome, after the DECISION SEND when none is on record for the key yet. */
    private static List<EntryDraft> attempt(TouchpointEvent event, boolean sendAlreadyRecorded, ConsentSnapshot snapshot,
                                            Instant at, String outcome) {
        return attempt(event, sendAlreadyRecorded, snapshot, at, outcome, b -> { });
    }

    private static List<EntryDraft> attempt(TouchpointEvent event, boolean sendAlreadyRecorded, ConsentSnapshot snapshot,
                                            Instant at, String outcome, Consumer<EntryDraft.Builder> facts) {
        List<EntryDraft> drafts = new ArrayList<>(2);
        if (!sendAlreadyRecorded) {
            drafts.add(decision(event, snapshot, at).decision("SEND").build());
        }
        EntryDraft.Builder attempt = common(EntryKind.DELIVERY_ATTEMPT, event, at).outcome(outcome);
        facts.accept(attempt);
        drafts.add(attempt.build());
        return drafts;
    }

    /** A DECISION with the consent snapshot in force. */
    private static EntryDraft.Builder decision(TouchpointEvent event, ConsentSnapshot snapshot, Instant at) {
        EntryDraft.Builder b = common(EntryKind.DECISION, event, at);
        if (snapshot != null) {
            b.consentSnapshot(snapshot.json());
            snapshot.proofs().forEach(b::personal);
        }
        return b;
    }

    private static EntryDraft.Builder common(EntryKind kind, TouchpointEvent event, Instant at) {
        TouchpointEvent.Header h = event.header();
        Journey journey = Journey.parse(h.journey());
        return EntryDraft.builder(kind, at)
                .customer(h.customerId())
                .journey(journey.processId(), journey.version(), h.processInstanceKey() > 0 ? h.processInstanceKey() : null)
                .element(h.elementId())
                .channel(h.channel() == null ? null : h.channel().name())
                .template(h.templateId(), h.templateVersion())
                .contentSha256(h.contentSha256())
                .idempotencyKey(h.idempotencyKey())
                .attribute(ENGINE_ATTRIBUTE, h.engine().isEmpty() ? null : h.engine());
    }

    /** {@code processId:version} split; a journey without a numeric version keeps it whole as the process id. */
    record Journey(String processId, Integer version) {
        static Journey parse(String journey) {
            if (journey == null || journey.isBlank()) {
                return new Journey(null, null);
            }
            int colon = journey.lastIndexOf(':');
            if (colon > 0) {
                try {
                    return new Journey(journey.substring(0, colon), Integer.parseInt(journey.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    return new Journey(journey, null);
                }
            }
            return new Journey(journey, null);
        }
    }
}
