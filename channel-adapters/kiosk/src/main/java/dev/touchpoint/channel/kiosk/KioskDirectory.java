package dev.touchpoint.channel.kiosk;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which kiosks are connected, to which app instance: shared by every instance ({@code HazelcastKioskDirectory}) or
 * kept in this JVM ({@link LocalKioskDirectory}) when the application runs alone. An entry lives as long as its
 * owner keeps refreshing it; an instance that dies leaves entries that lapse after the presence TTL.
 */
public interface KioskDirectory {

    /** Records a new session of a kiosk; it replaces any earlier session of the same kiosk, wherever it was. */
    void register(KioskPresence presence);

    /**
     * Changes the entry of a session, if the kiosk is still connected through that session, and renews its TTL.
     *
     * @return whether the entry still belonged to the session (else a newer session took over, or it lapsed)
     */
    boolean update(String storeId, String kioskId, String sessionId, UnaryOperator<KioskPresence> change);

    /** Removes the entry of a session, unless a newer session of the kiosk replaced it. */
    void unregister(String storeId, String kioskId, String sessionId);

    Optional<KioskPresence> find(String storeId, String kioskId);

    /** The connected kiosks of a store. */
    List<KioskPresence> inStore(String storeId);

    /** Every connected kiosk. */
    List<KioskPresence> all();
}
