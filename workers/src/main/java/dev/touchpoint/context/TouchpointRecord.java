package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the customer's bounded touchpoint ledger: a decision that was remembered under its idempotency key
 * (every SEND and SUPPRESS, and the latest DEFER until the key is decided again).
 *
 * @param idempotencyKey    the request's key
 * @param channel           the channel
 * @param purpose           marketing or transactional
 * @param journey           the journey that asked; may be null
 * @param template          the template; may be null
 * @param status            pending, confirmed, released or suppressed
 * @param reason            the suppression reason when suppressed, else null
 * @param detail            detail of the suppression or the release reason; may be null
 * @param decidedAt         when it was decided
 * @param updatedAt         when the status last changed
 * @param providerMessageId the provider's id once confirmed; may be null
 * @param offerId           the offer the touchpoint makes; may be null
 * @param offerExpiresAt    when that offer expires; may be null
 * @param deferredUntil     when a DEFERRED touchpoint is asked again; null otherwise
 * @param survey            whether the touchpoint is a survey (counts against the survey window)
 */
public record TouchpointRecord(
        String idempotencyKey,
        Channel channel,
        Purpose purpose,
        String journey,
        String template,
        TouchpointStatus status,
        SuppressionReason reason,
        String detail,
        Instant decidedAt,
        Instant updatedAt,
        String providerMessageId,
        String offerId,
        Instant offerExpiresAt,
        Instant deferredUntil,
        boolean survey) {

    /** An entry that is not a survey. */
    public TouchpointRecord(String idempotencyKey, Channel channel, Purpose purpose, String journey, String template,
                            TouchpointStatus status, SuppressionReason reason, String detail, Instant decidedAt,
                            Instant updatedAt, String providerMessageId, String offerId, Instant offerExpiresAt,
                            Instant deferredUntil) {
        this(idempotencyKey, channel, purpose, journey, template, status, reason, detail, decidedAt, updatedAt,
                providerMessageId, offerId, offerExpiresAt, deferredUntil, false);
    }

    public TouchpointRecord {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decidedAt, "decidedAt");
        updatedAt = updatedAt == null ? decidedAt : updatedAt;
    }

    /** Whether this entry counts against the contact budget (reserved or delivered). */
    public boolean counts() {
        return status == TouchpointStatus.PENDING || status == TouchpointStatus.CONFIRMED;
    }

    public TouchpointRecord withStatus(TouchpointStatus newStatus, Instant at, String newProviderMessageId, String newDetail) {
        return new TouchpointRecord(idempotencyKey, channel, purpose, journey, template, newStatus, reason, newDetail,
                decidedAt, at, newProviderMessageId, offerId, offerExpiresAt, null, survey);
    }

    /** Whether this is a deferral waiting for {@link #deferredUntil()} (not a decision that replays). */
    public boolean deferred() {
        return status == TouchpointStatus.DEFERRED;
    }
}
