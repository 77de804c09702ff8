package dev.touchpoint.channel;

import java.time.Instant;

/** Event: the customer closed the screen. */
public record KioskScreenDismissed(String idempotencyKey, String customerId, String providerMessageId,
                                   String storeId, String kioskId, Instant occurredAt) implements KioskEvent {

    public KioskScreenDismissed {
        KioskEvent.validate(idempotencyKey, customerId, providerMessageId, storeId, kioskId, occurredAt);
    }
}
