package dev.touchpoint.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The content fields of a ledger entry: what happened, to whom, in which journey, on which channel. They are the
 * fields the entry's content digest is computed over (in this order, docs/compliance-guide.md) and that retention
 * prunes; an entry's place in its chain (seq, hashes), its times and its personal data are not among them. One record
 * for the draft to append, the stored row and the hash, so the list of fields is written once.
 *
 * @param customerId         the customer, when known
 * @param processId          the journey's BPMN process id
 * @param processVersion     the journey's deployed version
 * @param processInstanceKey the journey instance
 * @param elementId          the BPMN element
 * @param channel            EMAIL, SMS, PUSH or KIOSK
 * @param templateId         the template
 * @param templateVersion    the template version
 * @param contentSha256      SHA-256 of the rendered content
 * @param decision           SEND, SUPPRESS or DEFER ({@link EntryKind#DECISION} only)
 * @param outcome            the kind-specific status word (see the compliance guide)
 * @param reason             why (suppression reason, deferral cause, failure reason, error type)
 * @param until              DEFER: when it may go; RETRY_SCHEDULED: when it is retried
 * @param consentSnapshot    JSON: the consent in force for the channel when the decision was recorded (written as raw
 *                           JSON where an entry is serialised)
 * @param providerMessageId  the provider's id of the message
 * @param idempotencyKey     the touchpoint's idempotency key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEntryFields(
        String customerId,
        String processId,
        Integer processVersion,
        Long processInstanceKey,
        String elementId,
        String channel,
        String templateId,
        String templateVersion,
        String contentSha256,
        String decision,
        String outcome,
        String reason,
        Instant until,
        @JsonRawValue String consentSnapshot,
        String providerMessageId,
        String idempotencyKey) {

    /** An entry without content: every field null (a pruned entry's, or one that records only its kind). */
    public static final LedgerEntryFields NONE = new LedgerEntryFields(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    /** The values in digest order (ints, longs and instants as themselves, nulls included). */
    @JsonIgnore
    public Stream<Object> values() {
        return Stream.of(customerId, processId, processVersion, processInstanceKey, elementId, channel, templateId,
                templateVersion, contentSha256, decision, outcome, reason, until, consentSnapshot, providerMessageId,
                idempotencyKey);
    }

    /** Whether any field holds a value. */
    @JsonIgnore
    public boolean any() {
        return values().anyMatch(Objects::nonNull);
    }

    /** A copy for another customer (process history learns it after the first records of an instance). */
    public LedgerEntryFields withCustomer(String newCustomerId) {
        return new LedgerEntryFields(newCustomerId, processId, processVersion, processInstanceKey, elementId, channel,
                templateId, templateVersion, contentSha256, decision, outcome, reason, until, consentSnapshot,
                providerMessageId, idempotencyKey);
    }

    /** A copy in another journey version. */
    public LedgerEntryFields withJourney(String newProcessId, Integer newProcessVersion) {
        return new LedgerEntryFields(customerId, newProcessId, newProcessVersion, processInstanceKey, elementId, channel,
                templateId, templateVersion, contentSha256, decision, outcome, reason, until, consentSnapshot,
                providerMessageId, idempotencyKey);
    }

    /** A copy with another consent snapshot (a reader's, made valid JSON). */
    public LedgerEntryFields withConsentSnapshot(String newConsentSnapshot) {
        return new LedgerEntryFields(customerId, processId, processVersion, processInstanceKey, elementId, channel,
                templateId, templateVersion, contentSha256, decision, outcome, reason, until, newConsentSnapshot,
                providerMessageId, idempotencyKey);
    }

    /** A copy with another until. */
    public LedgerEntryFields withUntil(Instant newUntil) {
        return new LedgerEntryFields(customerId, processId, processVersion, processInstanceKey, elementId, channel,
                templateId, templateVersion, contentSha256, decision, outcome, reason, newUntil, consentSnapshot,
                providerMessageId, idempotencyKey);
    }
}
