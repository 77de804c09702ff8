package dev.touchpoint.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The result of recomputing hash chains.
 *
 * @param intact         true when every checked chain verified
 * @param chainsChecked  chains checked
 * @param entriesChecked entries checked
 * @param firstBroken    the first broken link found (chains in id order, entries in seq order), or null
 * @param brokenChains   the first broken link of each broken chain (at most {@link #MAX_REPORTED} of them)
 * @param checkedAt      when the check finished
 */
public record VerificationReport(boolean intact, long chainsChecked, long entriesChecked, BrokenLink firstBroken,
                                 List<BrokenLink> brokenChains, Instant checkedAt) {

    public static final int MAX_REPORTED = 100;

    public VerificationReport {
        brokenChains = List.copyOf(brokenChains);
    }

    /** What is wrong at a link. */
    public enum Problem {
        /** The entry's content columns do not hash to its stored content digest: the entry was altered. */
        CONTENT_ALTERED,
        /** The entry's hash does not match its link fields (chain, seq, previous hash, kind, times, digest). */
        HASH_MISMATCH,
        /** The entry does not point at the previous entry's hash: an entry before it was altered, replaced or removed. */
        PREVIOUS_HASH_MISMATCH,
        /** Entries are missing: the sequence jumps. */
        SEQUENCE_GAP,
        /** The chain head does not match the last entry: entries were removed at the end, or the head was altered. */
        HEAD_MISMATCH,
        /** The entry's content was removed, but no recorded retention run covers it. */
        PRUNE_NOT_COVERED,
        /** The entry cannot be read at all (for example an unknown kind). */
        UNREADABLE
    }

    /**
     * A broken link.
     *
     * @param chainId the chain
     * @param seq     the position in the chain where it breaks
     * @param entryId the row id of the entry at that position, null when it is missing
     * @param problem what is wrong
     * @param detail  a sentence for people
     */
    public record BrokenLink(String chainId, long seq, Long entryId, Problem problem, String detail) {

        @Override
        public String toString() {
            return "chain " + chainId + " seq " + seq + (entryId == null ? "" : " (entry id " + entryId + ")") + ": "
                    + problem + ": " + detail;
        }
    }
}
