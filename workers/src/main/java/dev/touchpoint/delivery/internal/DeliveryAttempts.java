package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.DeliveryEvidence;

import java.time.Instant;

/**
 * Remembers, per idempotency key, whether a delivery is under way or done, across every worker of every instance.
 * Together with the context's reservation and the durable SENDING evidence of the ledger ({@link DeliveryEvidence})
 * this makes a touchpoint reach its provider at most once (ADR-0009, ADR-0022).
 *
 * <p>An attempt marker has an <b>owner</b> (the process that claimed it) and a <b>deadline</b>: while the owner is
 * alive and the deadline has not passed, a second activation of the same job (its first handler still runs: a slow
 * ledger write, a slow SMTP relay) is told {@link Claim.InProgress} and waits; after the deadline, or once the owner
 * left the cluster, the attempt counts as interrupted ({@link Claim.Interrupted}) and the caller takes it over.
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

    /** An interrupted attempt's outcome could not be established: never call the provider again for this key. */
    void unconfirmed(String key);

    /** The answer to {@link #begin}. */
    sealed interface Claim {
        /**
         * Go ahead: {@code earlierFailures} retryable failures happened before.
         *
         * @param fresh true when nothing was remembered for the key (a first attempt, or a marker lost with the
         *     member that held it): the caller must consult the durable evidence before it calls the provider
         */
        record Granted(int earlierFailures, boolean fresh) implements Claim {}

        /** An earlier attempt delivered it. */
        record AlreadyDelivered(String providerMessageId) implements Claim {}

        /** Another activation of this touchpoint is calling the provider right now: wait until {@code until}. */
        record InProgress(String owner, Instant until) implements Claim {}

        /**
         * An earlier attempt started and never reported back (its owner died or overran its deadline): its outcome is
         * unknown. The caller now owns the marker; it must find out (provider lookup) or record UNCONFIRMED.
         */
        record Interrupted(int earlierFailures, String owner) implements Claim {}

        /** An earlier attempt was interrupted and its outcome could not be established: do not send again. */
        record Unconfirmed() implements Claim {}
    }
}
