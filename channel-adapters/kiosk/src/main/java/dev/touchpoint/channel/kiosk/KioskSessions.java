package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskTarget;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kiosk pages connected to this instance, found by kiosk ({@code storeId/kioskId}) for sends and by connection
 * id for the page's messages. A kiosk has at most one session here: a newer one replaces the older.
 */
final class KioskSessions {

    private final ConcurrentHashMap<String, KioskSession> byKiosk = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, KioskSession> byConnection = new ConcurrentHashMap<>();

    /** Records a new session; returns the session it replaces for its kiosk, or {@code null}. */
    KioskSession open(KioskSession session) {
        byConnection.put(session.connection.id(), session);
        KioskSession previous = byKiosk.put(session.key(), session);
        return previous == session ? null : previous;
    }

    /** Forgets the session of a connection; returns it, or {@code null} when it was not (any more) open. */
    KioskSession close(String connectionId) {
        KioskSession session = byConnection.remove(connectionId);
        if (session != null) {
            byKiosk.remove(session.key(), session);
        }
        return session;
    }

    /** The session of a connection, or {@code null}. */
    KioskSession ofConnection(String connectionId) {
        return byConnection.get(connectionId);
    }

    /** The session of a kiosk, or {@code null} when it is not connected here. */
    KioskSession ofKiosk(String storeId, String kioskId) {
        return byKiosk.get(KioskPresence.key(storeId, kioskId));
    }

    /** A snapshot of every open session. */
    List<KioskSession> all() {
        return List.copyOf(byConnection.values());
    }

    /** The kiosks connected here. */
    List<KioskTarget> kiosks() {
        return byKiosk.values().stream().map(s -> KioskTarget.kiosk(s.storeId, s.kioskId)).toList();
    }
}
