package dev.touchpoint.channel;

/** What a caller should do about a failed delivery. */
public enum FailureKind {
    /** Try again later (timeouts, connection loss, vendor 5xx, rate limits): honour {@code retryAfter} if set. */
    RETRYABLE,
    /** Never retry this message: the recipient or the content was refused (invalid address, unsubscribed, 4xx). */
    PERMANENT,
    /** Nothing will succeed until an operator fixes the configuration (bad credentials, unknown sender). */
    MISCONFIGURED
}
