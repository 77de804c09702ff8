package dev.touchpoint.context;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The result of a consent change for one customer: what is in force now, and what became of the change.
 *
 * @param customerId the customer
 * @param inForce    the record in force afterwards (the new one when applied, the one kept otherwise); null only when
 *                   nothing was ever recorded (a refused first grant)
 * @param outcome    applied, unchanged (what was asked is already in force) or refused
 * @param detail     why it was not applied, in words for the caller (never personal data); null when applied
 */
public record ConsentUpdate(String customerId, ConsentRecord inForce, Outcome outcome, String detail) {

    /** What became of one consent change. */
    public enum Outcome {
        /** The change was recorded and is in force. */
        APPLIED,
        /**
         * Nothing was written because what the change asks for is already in force: the same change again (a retry is
         * idempotent), or a withdrawal of a consent that is already withdrawn.
         */
        UNCHANGED,
        /** The change was not recorded and the record in force says otherwise ({@link #detail} says why). */
        REFUSED
    }

    public ConsentUpdate {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static ConsentUpdate applied(String customerId, ConsentRecord inForce) {
        return new ConsentUpdate(customerId, inForce, Outcome.APPLIED, null);
    }

    /** Whether the change was recorded now. */
    @JsonProperty("applied")
    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    /** Whether the status the change asked for is in force now (applied now, or already in force). */
    public boolean inEffect(ConsentStatus asked) {
        return outcome != Outcome.REFUSED && inForce != null && inForce.status() == asked;
    }
}
