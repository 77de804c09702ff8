package dev.touchpoint.channel;

/**
 * What a vendor can tell about an earlier attempt to deliver a message with the same idempotency key, asked when that
 * attempt was interrupted (the process that made it was killed, or overran its deadline) and its outcome is unknown
 * ({@link ChannelAdapter#priorAttempt}).
 */
public sealed interface PriorAttempt {

    /** The vendor accepted it: do not send again; this is its receipt. */
    record Accepted(DeliveryReceipt receipt) implements PriorAttempt {}

    /** The vendor has no message with this key: sending now is the first delivery. */
    record NotReceived() implements PriorAttempt {}

    /**
     * The vendor drops a second message with the same key itself (e.g. a relay configured to de-duplicate by the
     * stable {@code Message-ID}): sending again delivers at most once.
     */
    record ResendIsDeduplicated() implements PriorAttempt {}

    /** The vendor cannot say (no lookup, or the lookup failed): the caller must not send again. */
    record Unknown(String why) implements PriorAttempt {}
}
