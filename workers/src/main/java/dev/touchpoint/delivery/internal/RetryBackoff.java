package dev.touchpoint.delivery.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a touchpoint waits before its next attempt after a retryable provider failure: the task's
 * {@code retryBackoff} doubled per failure, capped at one hour, and never shorter than the provider asked for
 * (Retry-After). The engine's job retry carries it ({@link TouchpointOutcome.RetryLater#backoff()}).
 */
final class RetryBackoff {

    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** Beyond 2^16 times the base every backoff is capped anyway; the bound keeps the shift from overflowing. */
    private static final int MAX_EXPONENT = 16;

    private RetryBackoff() {
    }

    /** Exponential: base, 2x base, 4x base... capped at one hour; never shorter than the provider's Retry-After. */
    static Duration after(TouchpointJob job, int failures, Optional<Duration> retryAfter) {
        Duration base = job.settings().retryBackoff();
        int exponent = Math.max(0, Math.min(failures - 1, MAX_EXPONENT));
        Duration uncapped = base.multipliedBy(1L << exponent);
        Duration exponential = uncapped.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : uncapped;
        return retryAfter.filter(r -> r.compareTo(exponential) > 0).orElse(exponential);
    }
}
