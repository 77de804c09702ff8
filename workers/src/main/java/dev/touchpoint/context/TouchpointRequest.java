package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One touchpoint a worker is about to send, asking for a decision.
 *
 * @param customerId     the customer
 * @param channel        the channel the touchpoint would use
 * @param purpose        marketing or transactional
 * @param priority       how much it may bend timing rules
 * @param journey        the journey (BPMN process id) asking; may be null
 * @param template       the template to be rendered; may be null
 * @param idempotencyKey unique per intended send (for a job worker: process instance key and element instance key);
 *                       asking again with the same key returns the earlier decision
 * @param offerId        the offer this touchpoint makes, if any; becomes the channel's current offer once confirmed
 * @param offerExpiresAt when that offer expires; null for no expiry
 * @param survey         whether it is a survey (its template measures NPS, CSAT or CES): at most one per customer in
 *                       the budget's survey window
 */
public record TouchpointRequest(
        String customerId,
        Channel channel,
        Purpose purpose,
        Priority priority,
        String journey,
        String template,
        String idempotencyKey,
        String offerId,
        Instant offerExpiresAt,
        boolean survey) {

    /** A request that is not a survey. */
    public TouchpointRequest(String customerId, Channel channel, Purpose purpose, Priority priority, String journey,
                             String template, String idempotencyKey, String offerId, Instant offerExpiresAt) {
        this(customerId, channel, purpose, priority, journey, template, idempotencyKey, offerId, offerExpiresAt, false);
    }

    public TouchpointRequest {
        requireText(customerId, "customerId", 128);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        priority = priority == null ? Priority.NORMAL : priority;
        requireText(idempotencyKey, "idempotencyKey", 256);
        limit(journey, "journey", 256);
        limit(template, "template", 256);
        limit(offerId, "offerId", 256);
    }

    /** A request without an offer. */
    public TouchpointRequest(String customerId, Channel channel, Purpose purpose, Priority priority,
                             String journey, String template, String idempotencyKey) {
        this(customerId, channel, purpose, priority, journey, template, idempotencyKey, null, null);
    }

    private static void requireText(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        limit(value, name, max);
    }

    private static void limit(String value, String name, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }
}
