package dev.touchpoint.channel.kiosk;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** The kiosk directory of an application running as one instance (no Hazelcast): a map in this JVM. */
public final class LocalKioskDirectory implements KioskDirectory {

    private final ConcurrentMap<String, KioskPresence> entries = new ConcurrentHashMap<>();

    @Override
    public void register(KioskPresence presence) {
        entries.put(presence.key(), presence);
    }

    @Override
    public boolean update(String storeId, String kioskId, String sessionId, UnaryOperator<KioskPresence> change) {
        boolean[] owned = {false};
        entries.computeIfPresent(KioskPresence.key(storeId, kioskId), (key, current) -> {
            if (!current.sessionId().equals(sessionId)) {
                return current;
            }
            owned[0] = true;
            return change.apply(current);
        });
        return owned[0];
    }

    @Override
    public void unregister(String storeId, String kioskId, String sessionId) {
        entries.computeIfPresent(KioskPresence.key(storeId, kioskId),
                (key, current) -> current.sessionId().equals(sessionId) ? null : current);
    }

    @Override
    public Optional<KioskPresence> find(String storeId, String kioskId) {
        return Optional.ofNullable(entries.get(KioskPresence.key(storeId, kioskId)));
    }

    @Override
    public List<KioskPresence> inStore(String storeId) {
        return entries.values().stream().filter(p -> p.storeId().equals(storeId)).toList();
    }

    @Override
    public List<KioskPresence> all() {
        return entries.values().stream().sorted(Comparator.comparing(KioskPresence::key)).toList();
    }
}
