package dev.touchpoint.delivery;

import java.util.List;

/**
 * The durable record of earlier delivery attempts of one touchpoint, read from the application's database (the
 * evidence ledger implements it with its DELIVERY_ATTEMPT entries). The attempt markers of {@link dev.touchpoint.delivery.internal.DeliveryAttempts}
 * live in Hazelcast memory and are lost with the member that held them; this record is not, because the pipeline
 * publishes SENDING (DELIVERY_ATTEMPT STARTED) and waits for its commit before it calls a provider (ADR-0010). A job
 * that finds no marker asks here before it sends (ADR-0022).
 */
@FunctionalInterface
public interface DeliveryEvidence {

    /** No durable record (tests, or an application without a ledger): nothing was ever attempted as far as we know. */
    DeliveryEvidence NONE = (customerId, key) -> AttemptHistory.NONE;

    /**
     * The delivery attempts recorded for this customer and idempotency key, oldest first.
     *
     * @throws RuntimeException when the record cannot be read: the caller must not send
     */
    AttemptHistory attempts(String customerId, String idempotencyKey);

    /**
     * The delivery attempts an earlier incarnation of a restarted journey made at the same element (the instance
     * {@code processInstanceKey} of engine {@code engine}), oldest first; empty when unknown.
     */
    default AttemptHistory earlierIncarnation(String customerId, String engine, long processInstanceKey, String elementId) {
        return AttemptHistory.NONE;
    }

    /**
     * @param outcomes          the DELIVERY_ATTEMPT outcomes in the order recorded: STARTED, SENT, UNCONFIRMED,
     *                          UNDELIVERABLE, RETRY_SCHEDULED
     * @param providerMessageId the provider's id of the SENT attempt, if any
     */
    record AttemptHistory(List<String> outcomes, String providerMessageId) {

        public static final AttemptHistory NONE = new AttemptHistory(List.of(), null);

        public AttemptHistory {
            outcomes = List.copyOf(outcomes);
        }

        public boolean sent() {
            return outcomes.contains("SENT");
        }

        public boolean unconfirmed() {
            return outcomes.contains("UNCONFIRMED");
        }

        public boolean undeliverable() {
            return outcomes.contains("UNDELIVERABLE");
        }

        /** An attempt started (STARTED) and no outcome was recorded after it: it may have reached the provider. */
        public boolean interrupted() {
            return !outcomes.isEmpty() && outcomes.getLast().equals("STARTED");
        }

        /** How many attempts failed retryably. */
        public int retryableFailures() {
            return (int) outcomes.stream().filter("RETRY_SCHEDULED"::equals).count();
        }
    }
}
