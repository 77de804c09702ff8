package dev.touchpoint.context.internal;

import com.hazelcast.map.MapStore;
import dev.touchpoint.context.ConsentRecord;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Persists the durable part of the decision map, consent, and nothing else: the touchpoint ledger, offers and presence
 * live in memory (with a sync backup) and may be rebuilt. Every entry-processor write of the decision map reaches
 * {@link #store}; only values marked {@link ContextState#consentChanged()} cause a database write, so decisions never
 * wait for the database while a STOP is on disk before it is acknowledged.
 */
public class ContextMapStore implements MapStore<String, ContextState> {

    private final JdbcCustomerRepository repository;
    private final boolean preload;

    public ContextMapStore(JdbcCustomerRepository repository, boolean preload) {
        this.repository = repository;
        this.preload = preload;
    }

    @Override
    public void store(String key, ContextState value) {
        if (value.consentChanged()) {
            repository.replaceConsents(key, value.consents());
        }
    }

    @Override
    public void storeAll(Map<String, ContextState> map) {
        map.forEach(this::store);
    }

    @Override
    public void delete(String key) {
        repository.deleteConsents(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        repository.deleteConsents(keys);
    }

    @Override
    public ContextState load(String key) {
        List<ConsentRecord> consents = repository.loadConsents(key);
        return consents.isEmpty() ? null : ContextState.fromConsents(key, consents);
    }

    @Override
    public Map<String, ContextState> loadAll(Collection<String> keys) {
        Map<String, ContextState> result = new HashMap<>();
        repository.loadConsents(keys).forEach((id, consents) -> result.put(id, ContextState.fromConsents(id, consents)));
        return result;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return preload ? repository.allConsentCustomerIds() : null;
    }
}
