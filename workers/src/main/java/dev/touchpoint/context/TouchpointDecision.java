package dev.touchpoint.context;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to a {@link TouchpointRequest}: {@link Send}, {@link Suppress} or {@link Defer}.
 *
 * <p>Asking again with the same idempotency key returns the earlier SEND or SUPPRESS with {@code replay() == true}
 * instead of deciding (and reserving) a second time. DEFER is not replayed (it is kept only to show
 * what is waiting, as a {@link TouchpointStatus#DEFERRED} entry): asking again after {@code until}
 * decides afresh.
 */
public sealed interface TouchpointDecision permits TouchpointDecision.Send, TouchpointDecision.Suppress, TouchpointDecision.Defer {

    String idempotencyKey();

    Instant decidedAt();

    /** True when this is the earlier decision for the same key, returned again. */
    boolean replay();

    /**
     * Send it: the touchpoint is reserved against the customer's budget. Confirm it with
     * {@link CustomerContextStore#confirm} when the provider accepted it, or release it with
     * {@link CustomerContextStore#release} when delivery failed permanently.
     *
     * @param reservation       the reservation to confirm or release
     * @param decidedAt         when it was reserved
     * @param status            PENDING on a fresh decision; on a replay whatever happened since
     * @param providerMessageId the provider's id once confirmed, else null
     * @param replay            true when the same key was decided before
     */
    record Send(ReservationId reservation, Instant decidedAt, TouchpointStatus status, String providerMessageId,
                boolean replay) implements TouchpointDecision {

        public Send {
            Objects.requireNonNull(reservation, "reservation");
            Objects.requireNonNull(decidedAt, "decidedAt");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String idempotencyKey() {
            return reservation.idempotencyKey();
        }

        /**
         * Whether the worker should (still) deliver: true while the reservation is PENDING (a fresh decision, or a
         * retry after an attempt whose outcome was never reported: deliver again with the same idempotency key, which
         * adapters pass on to providers that de-duplicate), false once CONFIRMED or RELEASED.
         */
        public boolean mustDeliver() {
            return status == TouchpointStatus.PENDING;
        }
    }

    /**
     * Do not send.
     *
     * @param idempotencyKey the request's key
     * @param reason         why
     * @param detail         human-readable detail for logs and the evidence ledger (never personal data)
     * @param decidedAt      when
     * @param replay         true when the same key was decided before
     */
    record Suppress(String idempotencyKey, SuppressionReason reason, String detail, Instant decidedAt,
                    boolean replay) implements TouchpointDecision {

        public Suppress {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }
    }

    /**
     * Not now: ask again at {@code until} (for a BPMN journey, a timer). Nothing was reserved.
     *
     * @param idempotencyKey the request's key
     * @param until          the next allowed minute
     * @param reason         why
     * @param decidedAt      when
     */
    record Defer(String idempotencyKey, Instant until, DeferralReason reason, Instant decidedAt) implements TouchpointDecision {

        public Defer {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }

        @Override
        public boolean replay() {
            return false;
        }
    }
}
