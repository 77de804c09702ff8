package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.JourneyInstance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ledger.EntryKind;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Appends a batch of drafts to their chains in one transaction: locks the chain heads, seals personal fields with the
 * chain's data key, computes digests and hashes, inserts the rows and moves the heads. Also carries out what some
 * kinds imply: ERASED destroys the chain's data keys, RETENTION_APPLIED prunes expired entries, JOURNEY_STARTED/ENDED
 * maintain the campaign index.
 */
public final class ChainAppender {

    /** Attribute names with a meaning to the appender. */
    static final String CUTOFF_PREFIX = "cutoff.";
    static final String PRUNED_PREFIX = "pruned.";
    static final String PRUNE_LIMIT = "limit";
    static final String KEYS_DESTROYED = "keysDestroyed";
    static final String SEALED_ENTRIES = "sealedEntries";
    static final String CAMPAIGN_ID = "campaignId";

    private final LedgerStore store;
    private final KeyRing keys;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ChainAppender(LedgerStore store, KeyRing keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
    }

    /** Appends every draft, in order, in one transaction. */
    public List<Appended> append(List<EntryDraft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        return store.transactions().execute(status -> appendInTransaction(drafts));
    }

    private List<Appended> appendInTransaction(List<EntryDraft> drafts) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<String> chains = new HashSet<>();
        drafts.forEach(d -> chains.add(d.chainId()));
        Map<String, LedgerStore.Head> existing = store.lockHeads(chains);
        Map<String, LedgerStore.Head> heads = new LinkedHashMap<>(existing);
        BatchKeys batchKeys = new BatchKeys(drafts, now);

        List<LedgerRow> rows = new ArrayList<>(drafts.size());
        List<Appended> appended = new ArrayList<>(drafts.size());
        for (EntryDraft draft : drafts) {
            String chain = draft.chainId();
            LedgerStore.Head head = heads.getOrDefault(chain, new LedgerStore.Head(chain, 0, Chains.GENESIS));
            long seq = head.lastSeq() + 1;
            TreeMap<String, String> attributes = new TreeMap<>(draft.attributes());
            String destroyChain = null;
            if (draft.kind() == EntryKind.RETENTION_APPLIED) {
                prune(attributes, seq);
            } else if (draft.kind() == EntryKind.ERASED) {
                List<LedgerStore.KeyRow> chainKeys = store.keysOf(List.of(chain));
                Set<String> keyIds = new HashSet<>();
                chainKeys.forEach(k -> keyIds.add(k.keyId()));
                long sealed = store.countSealedWith(keyIds) + rows.stream().filter(r -> keyIds.contains(r.keyId())).count();
                attributes.put(KEYS_DESTROYED, Integer.toString(chainKeys.size()));
                attributes.put(SEALED_ENTRIES, Long.toString(sealed));
                destroyChain = chain;
            }

            String sealedPersonal = null;
            String keyId = null;
            if (!draft.personal().isEmpty()) {
                KeyRing.DataKey key = batchKeys.keyFor(chain);
                keyId = key.keyId();
                sealedPersonal = PersonalDataCipher.seal(key.key(), keyId, toJson(draft.personal()));
            }
            String attributesJson = attributes.isEmpty() ? null : toJson(attributes);
            String digest = CanonicalForm.contentDigest(draft.fields(), attributesJson, sealedPersonal, keyId);
            String hash = CanonicalForm.entryHash(chain, seq, head.lastHash(), draft.kind().name(), draft.occurredAt(), now, digest);
            rows.add(new LedgerRow(0, chain, seq, draft.kind().name(), draft.occurredAt(), now, draft.fields(),
                    attributesJson, sealedPersonal, keyId, digest, head.lastHash(), hash, null));
            heads.put(chain, new LedgerStore.Head(chain, seq, hash));
            appended.add(new Appended(draft, chain, seq, hash, Collections.unmodifiableSortedMap(attributes)));

            if (destroyChain != null) {
                store.deleteKeys(destroyChain);
                batchKeys.forget(destroyChain);
            }
            if (draft.processInstanceKey() != null && draft.kind() == EntryKind.JOURNEY_STARTED) {
                store.upsertJourneyInstance(new JourneyInstance(engineOf(attributes), draft.processInstanceKey(),
                        draft.processId(), draft.processVersion(), draft.customerId(), attributes.get(CAMPAIGN_ID),
                        draft.occurredAt(), null));
            } else if (draft.processInstanceKey() != null && draft.kind() == EntryKind.JOURNEY_ENDED) {
                store.endJourneyInstance(engineOf(attributes), draft.processInstanceKey(), draft.occurredAt());
            }
        }
        store.insertEntries(rows);
        List<LedgerStore.Head> updated = new ArrayList<>();
        List<LedgerStore.Head> created = new ArrayList<>();
        heads.forEach((chain, head) -> {
            if (existing.containsKey(chain)) {
                updated.add(head);
            } else {
                created.add(head);
            }
        });
        store.updateHeads(updated, now);
        store.insertHeads(created, now);
        return appended;
    }

    private void prune(SortedMap<String, String> attributes, long seq) {
        int limit = Integer.parseInt(attributes.getOrDefault(PRUNE_LIMIT, "10000"));
        Map<String, String> cutoffs = new TreeMap<>();
        attributes.forEach((name, value) -> {
            if (name.startsWith(CUTOFF_PREFIX)) {
                cutoffs.put(name.substring(CUTOFF_PREFIX.length()), value);
            }
        });
        cutoffs.forEach((kind, cutoff) -> {
            long pruned = store.prune(EntryKind.valueOf(kind), Instant.parse(cutoff), seq, limit);
            attributes.put(PRUNED_PREFIX + kind, Long.toString(pruned));
        });
    }

    private String toJson(Map<String, String> values) {
        try {
            return json.writeValueAsString(values instanceof SortedMap ? values : new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ledger JSON", e);
        }
    }

    /** The data keys a batch uses: loaded once for every chain with personal fields, created when missing. */
    private final class BatchKeys {
        private final Set<String> needed = new HashSet<>();
        private final Instant now;
        private Map<String, KeyRing.DataKey> loaded;

        BatchKeys(List<EntryDraft> drafts, Instant now) {
            this.now = now;
            drafts.stream().filter(d -> !d.personal().isEmpty()).forEach(d -> needed.add(d.chainId()));
        }

        KeyRing.DataKey keyFor(String chain) {
            if (loaded == null) {
                loaded = new HashMap<>(keys.newestByChain(store.keysOf(needed)));
            }
            KeyRing.DataKey key = loaded.get(chain);
            if (key == null) {
                KeyRing.Created created = keys.create(chain, now);
                store.insertKey(created.row());
                key = created.key();
                loaded.put(chain, key);
            }
            return key;
        }

        /** The chain's keys were deleted in this transaction; a later draft of the chain gets a fresh key. */
        void forget(String chain) {
            if (loaded != null) {
                loaded.remove(chain);
            }
        }
    }

    private static String engineOf(java.util.Map<String, String> attributes) {
        String engine = attributes.get(TouchpointEventMapping.ENGINE_ATTRIBUTE);
        return engine == null ? "" : engine;
    }
}
