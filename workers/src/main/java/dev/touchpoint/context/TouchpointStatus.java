package dev.touchpoint.context;

/** Where one recorded touchpoint stands. */
public enum TouchpointStatus {
    /** Decided SEND and reserved: counts against the budget; delivery not yet reported. */
    PENDING,
    /** Delivered (the provider accepted it): counts against the budget. */
    CONFIRMED,
    /** Delivery failed permanently: does not count against the budget. */
    RELEASED,
    /** Decided SUPPRESS: never sent, never counted. */
    SUPPRESSED,
    /**
     * Decided DEFER (e.g. quiet hours): not sent yet, not counted, asked again at {@link TouchpointRecord#deferredUntil()};
     * the next decision for the key decides afresh and replaces it. Kept so that the customer's timeline shows what is
     * waiting and until when.
     */
    DEFERRED
}
