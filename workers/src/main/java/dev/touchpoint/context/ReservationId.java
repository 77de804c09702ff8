package dev.touchpoint.context;

import java.util.Objects;

/** Names one reservation made by a SEND decision: the customer and the idempotency key of the request. */
public record ReservationId(String customerId, String idempotencyKey) {

    public ReservationId {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
