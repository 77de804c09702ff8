package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.LedgerEntryContent;
import dev.touchpoint.ledger.LedgerEntryFields;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An entry to append: everything but its place in the chain (seq, hashes) and the time it is committed. Personal
 * fields are still in plain text here; the writer encrypts them with the chain's key in the same transaction.
 */
public record EntryDraft(
        EntryKind kind,
        Instant occurredAt,
        LedgerEntryFields fields,
        SortedMap<String, String> attributes,
        SortedMap<String, String> personal) implements LedgerEntryContent {

    public EntryDraft {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(fields, "fields");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        fields = fields.until() == null ? fields : fields.withUntil(fields.until().truncatedTo(ChronoUnit.MICROS));
        attributes = Collections.unmodifiableSortedMap(withoutNulls(attributes));
        personal = Collections.unmodifiableSortedMap(withoutNulls(personal));
    }

    public String chainId() {
        return Chains.of(customerId(), kind);
    }

    public static Builder builder(EntryKind kind, Instant occurredAt) {
        return new Builder(kind, occurredAt);
    }

    /** A copy with the customer set (process history learns it after the first records of an instance). */
    public EntryDraft withCustomer(String newCustomerId) {
        return new EntryDraft(kind, occurredAt, fields.withCustomer(newCustomerId), attributes, personal);
    }

    /** A copy in another journey version (process history learns it after the first records of an instance). */
    public EntryDraft withJourney(String processId, Integer processVersion) {
        return new EntryDraft(kind, occurredAt, fields.withJourney(processId, processVersion), attributes, personal);
    }

    /** A copy with one more attribute. */
    public EntryDraft withAttribute(String name, String value) {
        TreeMap<String, String> more = new TreeMap<>(attributes);
        more.put(name, value);
        return new EntryDraft(kind, occurredAt, fields, more, personal);
    }

    private static TreeMap<String, String> withoutNulls(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        return copy;
    }

    /** Builds a draft field by field. */
    public static final class Builder {
        private final EntryKind kind;
        private final Instant occurredAt;
        private String customerId;
        private String processId;
        private Integer processVersion;
        private Long processInstanceKey;
        private String elementId;
        private String channel;
        private String templateId;
        private String templateVersion;
        private String contentSha256;
        private String decision;
        private String outcome;
        private String reason;
        private Instant until;
        private String consentSnapshot;
        private String providerMessageId;
        private String idempotencyKey;
        private final TreeMap<String, String> attributes = new TreeMap<>();
        private final TreeMap<String, String> personal = new TreeMap<>();

        private Builder(EntryKind kind, Instant occurredAt) {
            this.kind = kind;
            this.occurredAt = occurredAt;
        }

        public Builder customer(String value) { this.customerId = value; return this; }
        public Builder journey(String processIdValue, Integer version, Long instanceKey) {
            this.processId = processIdValue;
            this.processVersion = version;
            this.processInstanceKey = instanceKey;
            return this;
        }
        public Builder element(String value) { this.elementId = value; return this; }
        public Builder channel(String value) { this.channel = value; return this; }
        public Builder template(String id, String version) { this.templateId = id; this.templateVersion = version; return this; }
        public Builder contentSha256(String value) { this.contentSha256 = value; return this; }
        public Builder decision(String value) { this.decision = value; return this; }
        public Builder outcome(String value) { this.outcome = value; return this; }
        public Builder reason(String value) { this.reason = value; return this; }
        public Builder until(Instant value) { this.until = value; return this; }
        public Builder consentSnapshot(String value) { this.consentSnapshot = value; return this; }
        public Builder providerMessageId(String value) { this.providerMessageId = value; return this; }
        public Builder idempotencyKey(String value) { this.idempotencyKey = value; return this; }
        public Builder attribute(String name, Object value) {
            if (value != null) {
                attributes.put(name, String.valueOf(value));
            }
            return this;
        }
        public Builder personal(String name, String value) {
            if (value != null && !value.isBlank()) {
                personal.put(name, value);
            }
            return this;
        }

        public EntryDraft build() {
            return new EntryDraft(kind, occurredAt, new LedgerEntryFields(customerId, processId, processVersion,
                    processInstanceKey, elementId, channel, templateId, templateVersion, contentSha256, decision, outcome,
                    reason, until, consentSnapshot, providerMessageId, idempotencyKey), attributes, personal);
        }
    }
}
