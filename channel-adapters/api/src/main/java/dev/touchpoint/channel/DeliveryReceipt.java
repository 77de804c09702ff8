package dev.touchpoint.channel;

import java.time.Instant;

/**
 * What the vendor answered when it accepted a message.
 *
 * @param channel           the channel it was sent on
 * @param providerMessageId the vendor's id for it (Twilio's {@code SM...} sid, the e-mail's {@code Message-ID}); status
 *                          updates refer to it
 * @param acceptedAt        when the vendor accepted it
 * @param status            its status at that moment, usually {@link DeliveryStatus#QUEUED} or
 *                          {@link DeliveryStatus#SENT}
 */
public record DeliveryReceipt(Channel channel, String providerMessageId, Instant acceptedAt, DeliveryStatus status) {

    public DeliveryReceipt {
        Require.notNull(channel, "channel");
        Require.notBlank(providerMessageId, "providerMessageId");
        Require.notNull(acceptedAt, "acceptedAt");
        Require.notNull(status, "status");
    }
}
