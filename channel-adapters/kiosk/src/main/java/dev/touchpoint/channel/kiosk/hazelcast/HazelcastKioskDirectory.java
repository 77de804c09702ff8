package dev.touchpoint.channel.kiosk.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.touchpoint.channel.kiosk.KioskDirectory;
import dev.touchpoint.channel.kiosk.KioskPresence;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The kiosk directory in a Hazelcast {@code IMap} ({@value KioskHazelcastNames#PRESENCE_MAP}) shared by every app
 * instance: values are {@link HazelcastJsonValue}s (no classes of ours on the members, queryable by
 * {@code storeId}), each with the presence TTL, renewed by its owner's heartbeat. Updates compare and swap the whole
 * value, so an instance can only change the entry of its own session.
 */
public final class HazelcastKioskDirectory implements KioskDirectory {

    private final IMap<String, HazelcastJsonValue> map;
    private final long ttlMillis;

    public HazelcastKioskDirectory(HazelcastInstance hazelcast, Duration ttl) {
        this.map = Objects.requireNonNull(hazelcast, "hazelcast").getMap(KioskHazelcastNames.PRESENCE_MAP);
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public void register(KioskPresence presence) {
        map.set(presence.key(), new HazelcastJsonValue(presence.toJson()), ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean update(String storeId, String kioskId, String sessionId, UnaryOperator<KioskPresence> change) {
        String key = KioskPresence.key(storeId, kioskId);
        for (int attempt = 0; attempt < 5; attempt++) {
            HazelcastJsonValue current = map.get(key);
            if (current == null) {
                return false;
            }
            KioskPresence presence = KioskPresence.fromJson(current.getValue());
            if (!presence.sessionId().equals(sessionId)) {
                return false;
            }
            HazelcastJsonValue changed = new HazelcastJsonValue(change.apply(presence).toJson());
            if (map.replace(key, current, changed)) {
                map.setTtl(key, ttlMillis, TimeUnit.MILLISECONDS);
                return true;
            }
        }
        return false;
    }

    @Override
    public void unregister(String storeId, String kioskId, String sessionId) {
        String key = KioskPresence.key(storeId, kioskId);
        for (int attempt = 0; attempt < 5; attempt++) {
            HazelcastJsonValue current = map.get(key);
            if (current == null || !KioskPresence.fromJson(current.getValue()).sessionId().equals(sessionId)) {
                return;
            }
            if (map.remove(key, current)) {
                return;
            }
        }
    }

    @Override
    public Optional<KioskPresence> find(String storeId, String kioskId) {
        HazelcastJsonValue value = map.get(KioskPresence.key(storeId, kioskId));
        return value == null ? Optional.empty() : Optional.of(KioskPresence.fromJson(value.getValue()));
    }

    @Override
    public List<KioskPresence> inStore(String storeId) {
        return map.values(Predicates.equal("storeId", storeId)).stream()
                .map(v -> KioskPresence.fromJson(v.getValue())).toList();
    }

    @Override
    public List<KioskPresence> all() {
        return map.values().stream().map(v -> KioskPresence.fromJson(v.getValue()))
                .sorted(Comparator.comparing(KioskPresence::key)).toList();
    }
}
