package dev.touchpoint.context;

/** Why a touchpoint is not sent. */
public enum SuppressionReason {
    /** No consent for this channel and purpose (or an SMS STOP that applies to it). */
    NO_CONSENT,
    /** No address for the channel: no email, no phone, no push token, or not in a store for the kiosk. */
    UNREACHABLE,
    /** The contact budget (per day, per week, per channel) is used up. */
    BUDGET_EXHAUSTED,
    /** A low-priority touchpoint fell into quiet hours (normal priority is deferred instead). */
    QUIET_HOURS,
    /** The customer is not known to the context. */
    UNKNOWN_CUSTOMER
}
