package dev.touchpoint.ledger.internal;

import dev.touchpoint.delivery.TouchpointEvent;
import dev.touchpoint.ledger.EntryKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 *   <tr><td>anything else</td><td>DELIVERY_ATTEMPT with the kind as outcome</td></tr>
 * </table>
 * A DECISION carries the consent snapshot; free-text detail and consent proofs are personal fields.
 */
public final class TouchpointEventMapping {

    public static final String SENDING = "SENDING";
    public static final String STARTED = "STARTED";
    /** The engine incarnation of an entry's journey instance (ADR-0022): qualifies its process instance key. */
    public static final String ENGINE_ATTRIBUTE = "engine";
    static final Set<String> ATTEMPT_OUTCOMES = Set.of("SENT", "UNCONFIRMED", "UNDELIVERABLE", "RETRY_SCHEDULED");

    private TouchpointEventMapping() {
    }

    static String kind(TouchpointEvent event) {
        return event.kind() == null ? "" : event.kind().trim().toUpperCase(Locale.ROOT);
    }

    /** Whether the event means a SEND decision was taken (so one must be on record). */
    public static boolean impliesSend(TouchpointEvent event) {
        String kind = kind(event);
        return SENDING.equals(kind) || ATTEMPT_OUTCOMES.contains(kind);
    }

    /** Whether the event yields a DECISION entry, given whether a SEND decision is already recorded for its key. */
    public static boolean yieldsDecision(TouchpointEvent event, boolean sendAlreadyRecorded) {
        String kind = kind(event);
        return "SUPPRESSED".equals(kind) || "DEFERRED".equals(kind) || (impliesSend(event) && !sendAlreadyRecorded);
    }

    /**
     * The entries for one event.
     *
     * @param sendAlreadyRecorded whether a DECISION SEND exists for the event's idempotency key
     * @param snapshot            the consent snapshot, needed when {@link #yieldsDecision} is true
     * @param now                 used when the event carries no time
     */
    public static List<EntryDraft> drafts(TouchpointEvent event, boolean sendAlreadyRecorded, ConsentSnapshot snapshot, Instant now) {
        String kind = kind(event);
        Instant at = event.at() == null ? now : event.at();
        List<EntryDraft> drafts = new ArrayList<>(2);
        if (yieldsDecision(event, sendAlreadyRecorded)) {
            String decision = switch (kind) {
                case "SUPPRESSED" -> "SUPPRESS";
                case "DEFERRED" -> "DEFER";
                default -> "SEND";
            };
            EntryDraft.Builder b = common(EntryKind.DECISION, event, at).decision(decision);
            if (!"SEND".equals(decision)) {
                b.reason(event.reason()).until(event.until()).personal("detail", event.detail());
            }
            if (snapshot != null) {
                b.consentSnapshot(snapshot.json());
                snapshot.proofs().forEach(b::personal);
            }
            drafts.add(b.build());
        }
        if (impliesSend(event) || (!"SUPPRESSED".equals(kind) && !"DEFERRED".equals(kind))) {
            String outcome = SENDING.equals(kind) ? STARTED : (kind.isEmpty() ? "UNKNOWN" : kind);
            EntryDraft.Builder b = common(EntryKind.DELIVERY_ATTEMPT, event, at).outcome(outcome)
                    .reason(event.reason()).until(event.until()).providerMessageId(event.providerMessageId())
                    .personal("detail", event.detail());
            if (!impliesSend(event)) {
                b.attribute("unrecognisedEventKind", kind);
            }
            drafts.add(b.build());
        }
        return drafts;
    }

    private static EntryDraft.Builder common(EntryKind kind, TouchpointEvent event, Instant at) {
        Journey journey = Journey.parse(event.journey());
        return EntryDraft.builder(kind, at)
                .customer(event.customerId())
                .journey(journey.processId(), journey.version(), event.processInstanceKey() > 0 ? event.processInstanceKey() : null)
                .element(event.elementId())
                .channel(event.channel() == null || event.channel().isBlank() ? null : event.channel().trim().toUpperCase(Locale.ROOT))
                .template(event.templateId(), event.templateVersion())
                .contentSha256(event.contentSha256())
                .idempotencyKey(event.idempotencyKey())
                .attribute(ENGINE_ATTRIBUTE, event.engine().isEmpty() ? null : event.engine());
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
