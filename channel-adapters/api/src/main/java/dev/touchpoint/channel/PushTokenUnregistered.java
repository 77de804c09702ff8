package dev.touchpoint.channel;

import java.time.Instant;

/**
 * Event: the push service said a device token no longer exists (FCM {@code UNREGISTERED}: the app was uninstalled,
 * the token expired or was rotated). The customer context drops the token so no later touchpoint is sent to it.
 *
 * @param customerId     the customer the token was registered for
 * @param token          the token to drop: personal data, never log it
 * @param idempotencyKey the send that found out
 * @param occurredAt     when the push service answered
 */
public record PushTokenUnregistered(String customerId, String token, String idempotencyKey, Instant occurredAt) {

    public PushTokenUnregistered {
        Require.notBlank(customerId, "customerId");
        Require.notBlank(token, "token");
        Require.notNull(occurredAt, "occurredAt");
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
        return "PushTokenUnregistered[customerId=" + customerId + ", idempotencyKey=" + idempotencyKey
                + ", occurredAt=" + occurredAt + "]";
    }
}
