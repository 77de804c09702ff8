package dev.touchpoint.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reading of a vendor's HTTP answer that every adapter shares: what an HTTP status means in the failure
 * taxonomy when the vendor's own error code does not decide, and how long its {@code Retry-After} asks us to wait.
 * <table>
 *   <caption>HTTP status to failure</caption>
 *   <tr><th>status</th><th>kind</th><th>reason</th></tr>
 *   <tr><td>401, 403</td><td>MISCONFIGURED</td><td>AUTHENTICATION_FAILED</td></tr>
 *   <tr><td>404 (wrong account, service or project)</td><td>MISCONFIGURED</td><td>SENDER_NOT_CONFIGURED</td></tr>
 *   <tr><td>408 Request Timeout</td><td>RETRYABLE</td><td>TIMEOUT</td></tr>
 *   <tr><td>425 Too Early</td><td>RETRYABLE</td><td>VENDOR_UNAVAILABLE</td></tr>
 *   <tr><td>429 Too Many Requests</td><td>RETRYABLE</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>other 4xx</td><td>PERMANENT</td><td>REJECTED</td></tr>
 *   <tr><td>5xx, and anything that is not an HTTP error status</td><td>RETRYABLE</td><td>VENDOR_UNAVAILABLE</td></tr>
 * </table>
 * {@code Retry-After} (RFC 9110 section 10.2.3) is either delay-seconds (digits only) or an HTTP-date; a date in the past
 * is no wait; a wait longer than {@link #MAX_RETRY_AFTER} (including numbers too large for a {@code long}) is capped
 * there; anything else (negative, fractional, text) is ignored. It never throws.
 */
public final class HttpFailures {

    /** The longest wait a {@code Retry-After} can impose on a delivery (a longer one is capped to this). */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    /** What an HTTP status means. */
    public record Mapping(FailureKind kind, FailureReason reason) {
    }

    private HttpFailures() {
    }

    /** The failure an HTTP error status means when nothing more specific (a vendor error code) is known. */
    public static Mapping byStatus(int status) {
        return switch (status) {
            case 401, 403 -> new Mapping(FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED);
            case 404 -> new Mapping(FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED);
            case 408 -> new Mapping(FailureKind.RETRYABLE, FailureReason.TIMEOUT);
            case 425 -> new Mapping(FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE);
            case 429 -> new Mapping(FailureKind.RETRYABLE, FailureReason.RATE_LIMITED);
            default -> status >= 400 && status < 500
                    ? new Mapping(FailureKind.PERMANENT, FailureReason.REJECTED)
                    : new Mapping(FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE);
        };
    }

    /**
     * The wait a {@code Retry-After} header value asks for, at most {@link #MAX_RETRY_AFTER}; empty when absent or
     * unreadable.
     *
     * @param value the header value, or {@code null}
     * @param clock now, for an HTTP-date
     */
    public static Optional<Duration> retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String digits = trimmed.replaceFirst("^0+(?=.)", "");
            if (digits.length() > 12) {
                return Optional.of(MAX_RETRY_AFTER); // beyond any long and any sensible wait
            }
            return Optional.of(capped(Duration.ofSeconds(Long.parseLong(digits))));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : capped(wait));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
