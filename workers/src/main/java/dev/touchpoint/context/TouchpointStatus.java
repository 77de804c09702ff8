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
    SUPPRESSED
}
