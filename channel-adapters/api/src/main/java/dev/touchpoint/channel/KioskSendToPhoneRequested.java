package dev.touchpoint.channel;

import java.time.Instant;

/** Event: the customer asked for the screen on their phone (a journey sends it by push or SMS). */
public record KioskSendToPhoneRequested(String idempotencyKey, String customerId, String providerMessageId,
                                        String storeId, String kioskId, Instant occurredAt) implements KioskEvent {

    public KioskSendToPhoneRequested {
        KioskEvent.validate(idempotencyKey, customerId, providerMessageId, storeId, kioskId, occurredAt);
    }
}
