package dev.touchpoint.ingress;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One customer event, as every source delivers it (the JSON of {@code docs/events.schema.json}).
 *
 * @param type           what happened, e.g. {@code customer.signed-up}; selects the route
 * @param customerId     the customer
 * @param occurredAt     when it happened at the source
 * @param idempotencyKey unique per event at its source; a redelivered event carries the same key and is correlated once
 * @param data           event-specific fields (become message variables)
 */
public record IngressEvent(String type, String customerId, Instant occurredAt, String idempotencyKey,
                           Map<String, Object> data) {

    public IngressEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
