package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskTarget;
import java.time.Duration;
import java.time.Instant;

/**
 * One screen to put on one kiosk: what the hub's send side, its acknowledgements and its relay to other instances
 * pass between them.
 *
 * @param deliveryId     the screen's id ({@code storeId/kioskId/<uuid>}), also the receipt's provider message id
 * @param idempotencyKey the send's idempotency key, carried into every event of the screen
 * @param customerId     whose screen it is
 * @param storeId        the store of the kiosk
 * @param kioskId        the kiosk
 * @param content        the rendered screen
 * @param ackTimeout     how long the page may take to confirm display
 */
record KioskDelivery(String deliveryId, String idempotencyKey, String customerId, String storeId, String kioskId,
                     KioskContent content, Duration ackTimeout) {

    KioskHub.Outcome outcome(KioskHub.Result result, Instant at, Duration retryAfter) {
        return new KioskHub.Outcome(result, KioskTarget.kiosk(storeId, kioskId), deliveryId, at, retryAfter);
    }
}
