package dev.touchpoint.context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rule for the time a consent change says it was expressed ({@code at}, an event's {@code occurredAt}, an import's
 * {@code consentAt}): it may lie in the past, but at most {@link #maxFutureSkew()} in the future (default 5 minutes,
 * {@code touchpoint.context.consent.max-future-skew}). A later one is refused with the field named: it is a typo, a
 * wrong time zone or a skewed clock, and the customer cannot have said it yet (ADR-0005).
 */
public final class ConsentTimestamps {

    private final Clock clock;
    private final Duration maxFutureSkew;

    public ConsentTimestamps(Clock clock, Duration maxFutureSkew) {
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("max-future-skew must be zero or positive");
        }
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Why {@code at} is not acceptable, or empty. */
    public Optional<String> problem(Instant at) {
        if (at == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (at.isAfter(now.plus(maxFutureSkew))) {
            return Optional.of("is " + at + ", later than now (" + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + ") by more than " + describe(maxFutureSkew) + ": a consent cannot be expressed in the future; "
                    + "check the time zone or clock of the source (the offset must be part of the timestamp, e.g. Z)");
        }
        return Optional.empty();
    }

    /** Throws {@link InvalidCustomerException} naming {@code field} when {@code at} is too far in the future. */
    public void check(Instant at, String field) {
        problem(at).ifPresent(reason -> {
            throw new InvalidCustomerException(List.of(new InvalidCustomerException.Violation(field, reason)));
        });
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minute(s)" : seconds + " second(s)";
    }
}
