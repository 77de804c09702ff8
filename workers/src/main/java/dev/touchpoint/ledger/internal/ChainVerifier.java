package dev.touchpoint.ledger.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.VerificationReport;
import dev.touchpoint.ledger.VerificationReport.BrokenLink;
import dev.touchpoint.ledger.VerificationReport.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes hash chains from the stored rows and reports the first broken link of each chain. Reads in chain and seq
 * order with a streaming cursor, so memory does not grow with the ledger.
 */
public final class ChainVerifier {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final LedgerStore store;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ChainVerifier(LedgerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Verifies every chain (chainId null) or one chain. */
    public VerificationReport verify(String chainId) {
        Map<Long, LedgerRow> retention = store.retentionEntries();
        Map<String, LedgerStore.Head> heads = new LinkedHashMap<>();
        store.heads(chainId).forEach(h -> heads.put(h.chainId(), h));
        Run run = new Run(retention, heads);
        store.streamChains(chainId, run::accept);
        run.finishChain();
        // heads whose chain has no entry at all
        for (LedgerStore.Head head : heads.values()) {
            if (!run.seenChains.contains(head.chainId())) {
                run.report(new BrokenLink(head.chainId(), 1, null, Problem.HEAD_MISMATCH,
                        "the chain head says " + head.lastSeq() + " entries, but the chain has none: its entries were removed"));
                run.chains++;
            }
        }
        return new VerificationReport(run.broken.isEmpty(), run.chains, run.entries,
                run.broken.isEmpty() ? null : run.broken.getFirst(), run.broken, clock.instant());
    }

    private final class Run {
        final Map<Long, LedgerRow> retention;
        final Map<String, LedgerStore.Head> heads;
        final List<BrokenLink> broken = new ArrayList<>();
        final java.util.Set<String> seenChains = new java.util.HashSet<>();
        long chains;
        long entries;
        String chain;
        long expectedSeq;
        String prevHash;
        boolean chainBroken;

        Run(Map<Long, LedgerRow> retention, Map<String, LedgerStore.Head> heads) {
            this.retention = retention;
            this.heads = heads;
        }

        void accept(LedgerRow row) {
            if (!row.chainId().equals(chain)) {
                finishChain();
                chain = row.chainId();
                seenChains.add(chain);
                chains++;
                expectedSeq = 1;
                prevHash = Chains.GENESIS;
                chainBroken = false;
            }
            entries++;
            if (chainBroken) {
                return;
            }
            BrokenLink problem = check(row);
            if (problem != null) {
                report(problem);
                chainBroken = true;
                return;
            }
            expectedSeq = row.seq() + 1;
            prevHash = row.entryHash();
        }

        void finishChain() {
            if (chain == null || chainBroken) {
                return;
            }
            LedgerStore.Head head = heads.get(chain);
            long last = expectedSeq - 1;
            if (head == null) {
                report(new BrokenLink(chain, last, null, Problem.HEAD_MISMATCH, "the chain has no head row: it was removed"));
            } else if (head.lastSeq() != last || !head.lastHash().equals(prevHash)) {
                report(new BrokenLink(chain, Math.min(head.lastSeq(), last) + 1, null, Problem.HEAD_MISMATCH,
                        "the chain head says the last entry is seq " + head.lastSeq() + " with hash " + head.lastHash()
                                + ", but the chain ends at seq " + last + " with hash " + prevHash
                                + ": entries at the end were removed, or the head was altered"));
            }
        }

        void report(BrokenLink link) {
            if (broken.size() < VerificationReport.MAX_REPORTED) {
                broken.add(link);
            }
        }

        private BrokenLink check(LedgerRow row) {
            EntryKind kind = row.entryKind();
            if (kind == null) {
                return new BrokenLink(chain, row.seq(), row.id(), Problem.UNREADABLE, "unknown entry kind '" + row.kind() + "'");
            }
            if (row.seq() != expectedSeq) {
                return new BrokenLink(chain, expectedSeq, null, Problem.SEQUENCE_GAP,
                        "expected seq " + expectedSeq + " but the next entry is seq " + row.seq() + " (entry id " + row.id()
                                + "): " + (row.seq() - expectedSeq) + " entr" + (row.seq() - expectedSeq == 1 ? "y was" : "ies were") + " removed");
            }
            if (!prevHash.equals(row.prevHash())) {
                return new BrokenLink(chain, row.seq(), row.id(), Problem.PREVIOUS_HASH_MISMATCH,
                        "the entry points at previous hash " + row.prevHash() + " but the previous entry's hash is " + prevHash
                                + ": an earlier entry was replaced");
            }
            if (row.pruned()) {
                BrokenLink uncovered = checkPruned(row, kind);
                if (uncovered != null) {
                    return uncovered;
                }
            } else {
                String digest = CanonicalForm.contentDigest(row);
                if (!digest.equals(row.contentDigest())) {
                    return new BrokenLink(chain, row.seq(), row.id(), Problem.CONTENT_ALTERED,
                            "the stored content hashes to " + digest + " but the entry recorded " + row.contentDigest()
                                    + ": a field of this entry was altered");
                }
            }
            String hash = CanonicalForm.entryHash(row);
            if (!hash.equals(row.entryHash())) {
                return new BrokenLink(chain, row.seq(), row.id(), Problem.HASH_MISMATCH,
                        "the entry's link fields (chain, seq, previous hash, kind, times, content digest) hash to " + hash
                                + " but the entry recorded " + row.entryHash() + ": the entry was altered");
            }
            return null;
        }

        private BrokenLink checkPruned(LedgerRow row, EntryKind kind) {
            boolean hasContent = row.fields().any()
                    || java.util.stream.Stream.of(row.attributes(), row.personalData(), row.keyId()).anyMatch(Objects::nonNull);
            if (hasContent) {
                return new BrokenLink(chain, row.seq(), row.id(), Problem.CONTENT_ALTERED,
                        "the entry is marked as pruned but still has content: it was altered");
            }
            LedgerRow run = retention.get(row.prunedBySeq());
            String cutoff = null;
            if (run != null && !run.pruned() && run.attributes() != null) {
                try {
                    cutoff = json.readValue(run.attributes(), STRING_MAP).get(ChainAppender.CUTOFF_PREFIX + kind.name());
                } catch (java.io.IOException e) {
                    cutoff = null;
                }
            }
            try {
                if (cutoff != null && row.occurredAt().isBefore(Instant.parse(cutoff))) {
                    return null;
                }
            } catch (DateTimeParseException e) {
                // fall through: not covered
            }
            return new BrokenLink(chain, row.seq(), row.id(), Problem.PRUNE_NOT_COVERED,
                    "the entry's content was removed, but retention run ~system seq " + row.prunedBySeq()
                            + " does not cover a " + kind + " entry of " + row.occurredAt());
        }
    }
}
