package dev.touchpoint.ingress.internal;

import java.time.Duration;
import java.util.List;

/**
 * One entry of {@code config/event-routing.yaml}: what an event type does.
 *
 * @param eventType    the event's {@code type}
 * @param context      the customer-context update applied before the message (NONE, CHECK_IN, CHECK_OUT, CONSENT)
 * @param message      the Zeebe message name; null when the event only updates the context
 * @param correlation  where the correlation key comes from: {@code customerId} or {@code data.<field>}
 * @param ttl          how long the message waits for a journey to reach its catch event (and the window in which a
 *                     redelivered event with the same idempotency key is recognised)
 * @param requiredData data fields the event must carry
 */
public record EventRoute(String eventType, ContextAction context, String message, String correlation, Duration ttl,
                         List<String> requiredData) {

    public enum ContextAction { NONE, CHECK_IN, CHECK_OUT, CONSENT }

    public EventRoute {
        requiredData = requiredData == null ? List.of() : List.copyOf(requiredData);
    }

    public boolean publishes() {
        return message != null;
    }

    /** The data field the correlation key is read from, or null when it is the customer id. */
    public String correlationDataField() {
        return correlation.startsWith("data.") ? correlation.substring(5) : null;
    }
}
