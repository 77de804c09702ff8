package dev.touchpoint.ledger.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The per-chain data keys behind the master key: creates, unwraps and finds them. Holds no keys in memory between
 * calls, so an erasure on another instance (which deletes the key rows) takes effect everywhere at once.
 */
public final class KeyRing {

    private final SecretKey master;

    public KeyRing(SecretKey master) {
        this.master = master;
    }

    /** An unwrapped data key. */
    public record DataKey(String keyId, String chainId, SecretKey key) {
    }

    /** A new data key for the chain and its row (wrapped), not yet stored. */
    public Created create(String chainId, Instant now) {
        SecretKey key = PersonalDataCipher.newKey();
        String keyId = UUID.randomUUID().toString();
        String wrapped = PersonalDataCipher.wrap(master, key, keyId, chainId);
        return new Created(new DataKey(keyId, chainId, key), new LedgerStore.KeyRow(keyId, chainId, wrapped, now));
    }

    public record Created(DataKey key, LedgerStore.KeyRow row) {
    }

    /**
     * Fails when the store holds data keys that this master key did not wrap (a wrong or rotated
     * {@code TOUCHPOINT_LEDGER_MASTER_KEY}): every write with personal fields would fail, and reads would show ERASED.
     */
    public void checkAgainst(LedgerStore store) {
        store.anyKey().ifPresent(row -> {
            try {
                unwrap(row);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The ledger master key does not open the data keys stored in the database "
                        + "(e.g. key " + row.keyId() + "): this is not the master key the ledger was written with. Configure the "
                        + "original key (touchpoint.ledger.encryption.master-key / TOUCHPOINT_LEDGER_MASTER_KEY or the key file).");
            }
        });
    }

    public DataKey unwrap(LedgerStore.KeyRow row) {
        return new DataKey(row.keyId(), row.chainId(), PersonalDataCipher.unwrap(master, row.wrappedKey(), row.keyId(), row.chainId()));
    }

    /** The newest key of each chain among the rows. */
    public Map<String, DataKey> newestByChain(Collection<LedgerStore.KeyRow> rows) {
        Map<String, LedgerStore.KeyRow> newest = new HashMap<>();
        for (LedgerStore.KeyRow row : rows) {
            newest.merge(row.chainId(), row, (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
        }
        Map<String, DataKey> keys = new HashMap<>();
        newest.forEach((chain, row) -> keys.put(chain, unwrap(row)));
        return keys;
    }

    /** Every key among the rows, by key id (for reading entries sealed with older keys too). */
    public Map<String, DataKey> byKeyId(List<LedgerStore.KeyRow> rows) {
        Map<String, DataKey> keys = new HashMap<>();
        for (LedgerStore.KeyRow row : rows) {
            keys.put(row.keyId(), unwrap(row));
        }
        return keys;
    }

    public Optional<String> open(DataKey key, String sealed) {
        try {
            return Optional.of(PersonalDataCipher.open(key.key(), key.keyId(), sealed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
