package dev.touchpoint.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * One run of the retention policy.
 *
 * @param cutoffs      per kind, entries that occurred before this instant were due
 * @param pruned       per kind, how many entries were pruned in this run
 * @param recordedSeq  the seq of the RETENTION_APPLIED entry in chain {@code ~system}
 * @param at           when it ran
 */
public record RetentionReport(Map<EntryKind, Instant> cutoffs, Map<EntryKind, Long> pruned, long recordedSeq, Instant at) {

    public RetentionReport {
        cutoffs = Map.copyOf(cutoffs);
        pruned = Map.copyOf(pruned);
    }

    public long total() {
        return pruned.values().stream().mapToLong(Long::longValue).sum();
    }
}
