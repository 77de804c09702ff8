package dev.touchpoint.channel;

import java.time.Instant;

/** Event: the customer accepted the offer on the screen. */
public record KioskOfferAccepted(String idempotencyKey, String customerId, String providerMessageId,
                                 String storeId, String kioskId, Instant occurredAt) implements KioskEvent {

    public KioskOfferAccepted {
        KioskEvent.validate(idempotencyKey, customerId, providerMessageId, storeId, kioskId, occurredAt);
    }
}
