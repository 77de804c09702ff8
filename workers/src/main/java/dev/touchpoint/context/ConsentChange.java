package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to grant or withdraw one consent. Changes are ordered by {@code at}: a change older than the record it
 * would replace is ignored, so late or replayed events never undo a newer decision of the customer.
 *
 * @param customerId the customer
 * @param channel    the channel
 * @param purpose    marketing or transactional
 * @param status     granted or withdrawn
 * @param source     where the change came from
 * @param proof      evidence (inbound message id, unsubscribe token, request id); may be null
 * @param at         when the customer expressed it
 */
public record ConsentChange(
        String customerId,
        Channel channel,
        Purpose purpose,
        ConsentStatus status,
        ConsentSource source,
        String proof,
        Instant at) {

    public ConsentChange {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (proof != null && proof.length() > 256) {
            throw new IllegalArgumentException("proof is longer than 256 characters");
        }
    }
}
