package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.LedgerEntryFields;
import java.time.Instant;

/**
 * One row of {@code ledger_entry} exactly as stored (personal data still encrypted). {@code kind} is the stored name,
 * so that an unreadable value can be reported rather than failing the reader.
 */
public record LedgerRow(
        long id,
        String chainId,
        long seq,
        String kind,
        Instant occurredAt,
        Instant recordedAt,
        LedgerEntryFields fields,
        String attributes,
        String personalData,
        String keyId,
        String contentDigest,
        String prevHash,
        String entryHash,
        Long prunedBySeq) {

    // the content fields, read as the row's own
    public String customerId() { return fields.customerId(); }
    public String processId() { return fields.processId(); }
    public Integer processVersion() { return fields.processVersion(); }
    public Long processInstanceKey() { return fields.processInstanceKey(); }
    public String elementId() { return fields.elementId(); }
    public String channel() { return fields.channel(); }
    public String templateId() { return fields.templateId(); }
    public String templateVersion() { return fields.templateVersion(); }
    public String contentSha256() { return fields.contentSha256(); }
    public String decision() { return fields.decision(); }
    public String outcome() { return fields.outcome(); }
    public String reason() { return fields.reason(); }
    public Instant until() { return fields.until(); }
    public String consentSnapshot() { return fields.consentSnapshot(); }
    public String providerMessageId() { return fields.providerMessageId(); }
    public String idempotencyKey() { return fields.idempotencyKey(); }

    public boolean pruned() {
        return prunedBySeq != null;
    }

    /** The kind, or null when the stored name is unknown. */
    public EntryKind entryKind() {
        try {
            return EntryKind.valueOf(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
