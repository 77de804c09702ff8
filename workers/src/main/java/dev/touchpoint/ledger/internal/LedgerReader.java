package dev.touchpoint.ledger.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceEntry.PersonalData;
import dev.touchpoint.ledger.ExportFormat;
import dev.touchpoint.ledger.LedgerEntryFields;
import dev.touchpoint.ledger.LedgerPage;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.ledger.VerificationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the ledger: pages, streamed exports and verification. Personal fields are decrypted when this reader has the
 * master key and the entry's data key still exists. Used by the application and by {@code LedgerCli}.
 */
public final class LedgerReader {

    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final int KEY_CACHE_CHAINS = 1000;

    private final LedgerStore store;
    private final KeyRing keys;
    private final ChainVerifier verifier;
    private final ObjectMapper json = new ObjectMapper();

    /** @param keys the key ring, or null to leave personal fields sealed */
    public LedgerReader(LedgerStore store, KeyRing keys, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.verifier = new ChainVerifier(store, clock);
    }

    public LedgerStore store() {
        return store;
    }

    public LedgerPage query(LedgerQuery query) {
        List<LedgerRow> rows = store.query(query, (long) query.page() * query.size(), query.size() + 1);
        boolean more = rows.size() > query.size();
        List<LedgerRow> page = more ? rows.subList(0, query.size()) : rows;
        KeyCache cache = new KeyCache();
        return new LedgerPage(page.stream().map(r -> toEntry(r, cache)).toList(), query.page(), query.size(), more);
    }

    public long export(LedgerQuery query, ExportFormat format, OutputStream out) throws IOException {
        EntryExport export = EntryExport.of(format, out);
        KeyCache cache = new KeyCache();
        long count;
        try {
            count = store.stream(query, row -> {
                try {
                    export.write(toEntry(row, cache));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        export.finish();
        return count;
    }

    public VerificationReport verify(String chainId) {
        return verifier.verify(chainId);
    }

    /** Every entry of one customer, in order (for the data-subject access export). */
    public List<EvidenceEntry> allOf(String customerId) {
        List<EvidenceEntry> entries = new java.util.ArrayList<>();
        KeyCache cache = new KeyCache();
        store.stream(LedgerQuery.forCustomer(customerId), row -> entries.add(toEntry(row, cache)));
        return entries;
    }

    /** One stored row as an entry (personal fields decrypted when possible). */
    public EvidenceEntry read(LedgerRow row) {
        return toEntry(row, new KeyCache());
    }

    EvidenceEntry toEntry(LedgerRow r, KeyCache cache) {
        Map<String, String> personal = Map.of();
        PersonalData state = PersonalData.NONE;
        if (r.personalData() != null) {
            if (keys == null) {
                state = PersonalData.SEALED;
            } else {
                Optional<KeyRing.DataKey> key = cache.key(r.chainId(), r.keyId());
                Optional<String> plain = key.flatMap(k -> keys.open(k, r.personalData()));
                if (plain.isPresent()) {
                    personal = parse(plain.get());
                    state = PersonalData.READABLE;
                } else {
                    state = PersonalData.ERASED;
                }
            }
        }
        LedgerEntryFields fields = r.fields().withConsentSnapshot(jsonOrQuoted(r.consentSnapshot()));
        return new EvidenceEntry(r.id(), r.chainId(), r.seq(), r.entryKind(), r.occurredAt(), r.recordedAt(), fields,
                r.attributes() == null ? Map.of() : parse(r.attributes()),
                personal, state, r.personalData(), r.keyId(), r.contentDigest(), r.prevHash(), r.entryHash(), r.prunedBySeq());
    }

    /** The snapshot is emitted as raw JSON: anything that is not valid JSON (an altered row) is emitted as a string. */
    private String jsonOrQuoted(String text) {
        if (text == null) {
            return null;
        }
        try {
            json.readTree(text);
            return text;
        } catch (IOException e) {
            try {
                return json.writeValueAsString(text);
            } catch (IOException impossible) {
                return null;
            }
        }
    }

    private Map<String, String> parse(String text) {
        try {
            return Collections.unmodifiableMap(json.readValue(text, STRING_MAP));
        } catch (IOException e) {
            return Map.of("unreadable", text);
        }
    }

    /** Data keys looked up per chain, for one read operation. */
    final class KeyCache {
        private final Map<String, Map<String, KeyRing.DataKey>> byChain = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, KeyRing.DataKey>> eldest) {
                return size() > KEY_CACHE_CHAINS;
            }
        };

        Optional<KeyRing.DataKey> key(String chainId, String keyId) {
            Map<String, KeyRing.DataKey> chainKeys = byChain.computeIfAbsent(chainId,
                    chain -> new HashMap<>(keys.byKeyId(store.keysOf(List.of(chain)))));
            return Optional.ofNullable(chainKeys.get(keyId));
        }
    }
}
