package dev.touchpoint.delivery;

/**
 * Remembers, per idempotency key, whether a delivery is under way or done, across every worker of every instance.
 * Together with the context's reservation this makes a touchpoint reach its provider at most once: an attempt that
 * was interrupted after the vendor call (worker killed, job timed out) is never repeated blindly.
 */
public interface DeliveryAttempts {

    /** Atomically claims the right to call the provider for {@code key}. */
    Claim begin(String key);

    /** The provider accepted it. */
    void delivered(String key, String providerMessageId);

    /** The provider failed in a way a later attempt may fix; returns how many such failures there were so far. */
    int failedRetryably(String key);

    /** The provider refused it for good; forget the key. */
    void failedPermanently(String key);

    /** The answer to {@link #begin}. */
    sealed interface Claim {
        /** Go ahead: {@code earlierFailures} retryable failures happened before. */
        record Granted(int earlierFailures) implements Claim {}

        /** An earlier attempt delivered it. */
        record AlreadyDelivered(String providerMessageId) implements Claim {}

        /** An earlier attempt started and never reported back: its outcome is unknown, do not send again. */
        record OutcomeUnknown() implements Claim {}
    }
}
