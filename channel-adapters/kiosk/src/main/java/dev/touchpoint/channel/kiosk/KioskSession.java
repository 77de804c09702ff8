package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskSurvey;
import java.time.Instant;

/**
 * One kiosk page connected to this instance: its connection, its liveness and the screens on it. The screen fields
 * are guarded by the session's monitor ({@code synchronized (session)}); the timestamps are volatile.
 */
final class KioskSession {

    final KioskConnection connection;
    final String storeId;
    final String kioskId;
    final String zone;
    final Instant connectedAt;
    volatile Instant lastMessageAt;
    volatile Instant lastActivityAt;
    volatile Instant lastActivityWrite;
    /** The screen the kiosk confirmed and shows; guarded by the session. */
    Screen shown;
    /** A screen sent and awaiting its confirmation; guarded by the session. */
    Screen incoming;

    KioskSession(KioskConnection connection, String storeId, String kioskId, String zone, Instant now) {
        this.connection = connection;
        this.storeId = storeId;
        this.kioskId = kioskId;
        this.zone = zone;
        this.connectedAt = now;
        this.lastMessageAt = now;
    }

    String key() {
        return KioskPresence.key(storeId, kioskId);
    }

    /** A screen sent to the kiosk, from its sending until an action, an expiry or the end of the session. */
    static final class Screen {
        final String deliveryId;
        final String idempotencyKey;
        final String customerId;
        /** The answer scale when the screen is a survey, else null: an ANSWER must be on it. */
        final KioskSurvey survey;
        Instant until;
        boolean finished;
        /** Its event is being published: a second action or expiry waits for the outcome. */
        boolean finishing;

        Screen(String deliveryId, String idempotencyKey, String customerId, Instant until, KioskSurvey survey) {
            this.deliveryId = deliveryId;
            this.idempotencyKey = idempotencyKey;
            this.customerId = customerId;
            this.until = until;
            this.survey = survey;
        }
    }
}
