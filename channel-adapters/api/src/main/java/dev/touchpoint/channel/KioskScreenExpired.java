package dev.touchpoint.channel;

import java.time.Instant;

/** Event: the screen's display time ran out without an action of the customer (or another screen replaced it). */
public record KioskScreenExpired(String idempotencyKey, String customerId, String providerMessageId,
                                 String storeId, String kioskId, Instant occurredAt) implements KioskEvent {

    public KioskScreenExpired {
        KioskEvent.validate(idempotencyKey, customerId, providerMessageId, storeId, kioskId, occurredAt);
    }
}
