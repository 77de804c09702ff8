package dev.touchpoint.channel;

import java.time.Instant;

/** Event: the kiosk confirmed that the screen is showing (the receipt of the send says the same). */
public record KioskScreenDisplayed(String idempotencyKey, String customerId, String providerMessageId,
                                   String storeId, String kioskId, Instant occurredAt) implements KioskEvent {

    public KioskScreenDisplayed {
        KioskEvent.validate(idempotencyKey, customerId, providerMessageId, storeId, kioskId, occurredAt);
    }
}
