package dev.touchpoint.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of the evidence ledger, as read back (personal fields decrypted when the customer's key still exists).
 *
 * @param id                 the row id (global insertion order)
 * @param chainId            the hash chain: the customer id, or {@code ~system}, {@code ~journeys}, {@code ~provider}
 * @param seq                position in the chain, from 1
 * @param kind               what it records
 * @param occurredAt         when it happened (the worker's, provider's or engine's time)
 * @param recordedAt         when the ledger committed it
 * @param fields             what happened, to whom, where: the content fields (JSON: unwrapped into the entry)
 * @param attributes         further facts, no personal data
 * @param personal           decrypted personal fields (consent proofs, free-text details, correlation keys, incident
 *                           messages); empty when the entry has none or when they are {@link PersonalData#ERASED}
 * @param personalData       whether personal fields exist and can be read
 * @param sealedPersonalData the personal fields as stored (AES-GCM ciphertext, base64), as hashed
 * @param keyId              the data key that sealed them
 * @param contentDigest      SHA-256 of the canonical content
 * @param prevHash           the previous entry's hash
 * @param hash               this entry's hash
 * @param prunedBySeq        when retention pruned the content: the seq of the RETENTION_APPLIED entry in {@code ~system}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceEntry(
        long id,
        String chainId,
        long seq,
        EntryKind kind,
        Instant occurredAt,
        Instant recordedAt,
        @JsonUnwrapped LedgerEntryFields fields,
        Map<String, String> attributes,
        Map<String, String> personal,
        PersonalData personalData,
        String sealedPersonalData,
        String keyId,
        String contentDigest,
        String prevHash,
        String hash,
        Long prunedBySeq) implements LedgerEntryContent {

    /** Whether an entry carries personal fields and whether they can still be read. */
    public enum PersonalData {
        /** The entry has no personal fields. */
        NONE,
        /** Decrypted into {@link EvidenceEntry#personal()}. */
        READABLE,
        /** The customer's key was destroyed by erasure: the ciphertext stays (and is hashed) but cannot be read. */
        ERASED,
        /** Not decrypted here (no master key available to this reader). */
        SEALED
    }

    /** {@code processId:version}, or the process id alone, or null. */
    public String journey() {
        if (processId() == null) {
            return null;
        }
        return processVersion() == null ? processId() : processId() + ":" + processVersion();
    }

}
