package dev.touchpoint.context;

/** Why a touchpoint has to wait. */
public enum DeferralReason {
    /** Quiet hours in the customer's time zone (channel default or the customer's own). */
    QUIET_HOURS
}
