package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * The last offer a channel made to the customer, so that the next channel can refer to it (the kiosk knows which
 * offer the email made).
 *
 * @param channel   the channel that made it
 * @param offerId   the offer
 * @param journey   the journey that made it; may be null
 * @param madeAt    when it was made
 * @param expiresAt when it stops being valid; null for no expiry
 */
public record ConversationOffer(Channel channel, String offerId, String journey, Instant madeAt, Instant expiresAt) {

    public ConversationOffer {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(madeAt, "madeAt");
    }

    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
