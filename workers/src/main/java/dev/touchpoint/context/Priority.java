package dev.touchpoint.context;

/**
 * How much a touchpoint may bend timing rules. Priority never bends consent or the marketing budget.
 */
public enum Priority {
    /** Worth sending now or never: inside quiet hours it is suppressed ({@code QUIET_HOURS}) instead of deferred. */
    LOW,
    /** The default: inside quiet hours it is deferred to the next allowed minute. */
    NORMAL,
    /** Transactional and urgent (fraud alert, one-time code): passes quiet hours even where they apply to transactional. */
    HIGH
}
