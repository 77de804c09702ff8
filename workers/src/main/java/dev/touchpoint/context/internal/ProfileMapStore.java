package dev.touchpoint.context.internal;

import com.hazelcast.map.MapStore;
import dev.touchpoint.context.CustomerProfile;

import java.util.Collection;
import java.util.Map;

/** Writes profiles through to the database and loads them back (all of them at start when preloading is on). */
public class ProfileMapStore implements MapStore<String, CustomerProfile> {

    private final JdbcCustomerRepository repository;
    private final boolean preload;

    public ProfileMapStore(JdbcCustomerRepository repository, boolean preload) {
        this.repository = repository;
        this.preload = preload;
    }

    @Override
    public void store(String key, CustomerProfile value) {
        repository.saveProfile(value);
    }

    @Override
    public void storeAll(Map<String, CustomerProfile> map) {
        map.values().forEach(repository::saveProfile);
    }

    @Override
    public void delete(String key) {
        repository.deleteProfile(key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        repository.deleteProfiles(keys);
    }

    @Override
    public CustomerProfile load(String key) {
        return repository.loadProfile(key);
    }

    @Override
    public Map<String, CustomerProfile> loadAll(Collection<String> keys) {
        return repository.loadProfiles(keys);
    }

    /** All ids when preloading (Hazelcast then loads every profile on first use of the map), else none (load on miss). */
    @Override
    public Iterable<String> loadAllKeys() {
        return preload ? repository.allProfileIds() : null;
    }
}
