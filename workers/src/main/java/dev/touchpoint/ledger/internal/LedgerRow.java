package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.LedgerEntryContent;
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
        Long prunedBySeq) implements LedgerEntryContent {

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
