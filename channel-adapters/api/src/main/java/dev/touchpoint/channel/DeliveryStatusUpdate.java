package dev.touchpoint.channel;

import java.time.Instant;

/**
 * A vendor's report about a message it accepted earlier (delivery, failure, bounce, engagement).
 *
 * @param channel           the channel
 * @param providerMessageId the vendor's message id, as in the {@link DeliveryReceipt}
 * @param status            the status in Touchpoint's vocabulary
 * @param vendorStatus      the vendor's own status word (e.g. Twilio's {@code undelivered})
 * @param occurredAt        when we learned about it
 * @param errorCode         the vendor's error code for failures, {@code null} otherwise
 * @param failureReason     the classified reason for failures, {@code null} otherwise
 * @param idempotencyKey    the idempotency key of the original send when the vendor echoed it back, else {@code null}
 * @param customerId        the customer of the original send when the vendor echoed it back, else {@code null}
 */
public record DeliveryStatusUpdate(Channel channel, String providerMessageId, DeliveryStatus status,
                                   String vendorStatus, Instant occurredAt, String errorCode,
                                   FailureReason failureReason, String idempotencyKey, String customerId) {

    public DeliveryStatusUpdate {
        Require.notNull(channel, "channel");
        Require.notBlank(providerMessageId, "providerMessageId");
        Require.notNull(status, "status");
        Require.notNull(occurredAt, "occurredAt");
        errorCode = Require.nullIfBlank(errorCode);
        idempotencyKey = Require.nullIfBlank(idempotencyKey);
        customerId = Require.nullIfBlank(customerId);
    }
}
