package dev.touchpoint.ingress;

/**
 * What happened to one event.
 *
 * @param idempotencyKey the event's key (null when the event had none)
 * @param status         ACCEPTED (handed to the engine), DUPLICATE (the same key was already correlated or is still
 *                       buffered: nothing new happened), REJECTED (invalid, see field and reason) or BUSY (the engine
 *                       pushed back: send it again after Retry-After)
 * @param messageName    the Zeebe message published, null when the route publishes none or the event was rejected
 * @param field          the offending field (JSON pointer-like, e.g. {@code data.orderId}) when rejected
 * @param reason         why it was rejected or busy
 */
public record EventOutcome(String idempotencyKey, Status status, String messageName, String field, String reason) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED, BUSY }

    public static EventOutcome accepted(String key, String messageName) {
        return new EventOutcome(key, Status.ACCEPTED, messageName, null, null);
    }

    public static EventOutcome duplicate(String key, String messageName) {
        return new EventOutcome(key, Status.DUPLICATE, messageName, null, null);
    }

    public static EventOutcome rejected(String key, String field, String reason) {
        return new EventOutcome(key, Status.REJECTED, null, field, reason);
    }

    public static EventOutcome busy(String key, String reason) {
        return new EventOutcome(key, Status.BUSY, null, null, reason);
    }

    public boolean handed() {
        return status == Status.ACCEPTED || status == Status.DUPLICATE;
    }
}
