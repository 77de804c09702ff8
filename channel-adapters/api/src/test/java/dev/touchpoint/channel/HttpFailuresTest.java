package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpFailuresTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "400, PERMANENT, REJECTED",
            "401, MISCONFIGURED, AUTHENTICATION_FAILED",
            "403, MISCONFIGURED, AUTHENTICATION_FAILED",
            "404, MISCONFIGURED, SENDER_NOT_CONFIGURED",
            "408, RETRYABLE, TIMEOUT",
            "409, PERMANENT, REJECTED",
            "413, PERMANENT, REJECTED",
            "418, PERMANENT, REJECTED",
            "425, RETRYABLE, VENDOR_UNAVAILABLE",
            "429, RETRYABLE, RATE_LIMITED",
            "499, PERMANENT, REJECTED",
            "500, RETRYABLE, VENDOR_UNAVAILABLE",
            "502, RETRYABLE, VENDOR_UNAVAILABLE",
            "503, RETRYABLE, VENDOR_UNAVAILABLE",
            "504, RETRYABLE, VENDOR_UNAVAILABLE",
            "599, RETRYABLE, VENDOR_UNAVAILABLE",
            "0, RETRYABLE, VENDOR_UNAVAILABLE",
            "302, RETRYABLE, VENDOR_UNAVAILABLE",
            "600, RETRYABLE, VENDOR_UNAVAILABLE"
    })
    void everyStatusHasOneMeaning(int status, FailureKind kind, FailureReason reason) {
        assertThat(HttpFailures.byStatus(status)).isEqualTo(new HttpFailures.Mapping(kind, reason));
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(HttpFailures.retryAfter("120", CLOCK)).contains(Duration.ofMinutes(2));
        assertThat(HttpFailures.retryAfter(" 7 ", CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(HttpFailures.retryAfter("0", CLOCK)).contains(Duration.ZERO);
        assertThat(HttpFailures.retryAfter("000030", CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(HttpFailures.retryAfter("3600", CLOCK)).contains(Duration.ofHours(1));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(HttpFailures.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", CLOCK)).contains(Duration.ofSeconds(30));
        assertThat(HttpFailures.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", CLOCK)).contains(Duration.ZERO);
        assertThat(HttpFailures.retryAfter("Mon, 23 Nov 2026 10:00:00 GMT", CLOCK)).contains(HttpFailures.MAX_RETRY_AFTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3601", "86400", "99999999999999", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999999999999999"})
    void hugeValuesAreCappedNeverThrown(String value) {
        assertThat(HttpFailures.retryAfter(value, CLOCK)).contains(HttpFailures.MAX_RETRY_AFTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "soon", "-5", "+5", "1.5", "1e3", "12 s", "Sun, 32 Nov 2026 10:00:00 GMT",
            "2026-11-22T10:00:30Z", "\u0661\u0662"})
    void garbageIsIgnored(String value) {
        assertThat(HttpFailures.retryAfter(value, CLOCK)).isEmpty();
    }

    @Test
    void absentIsEmpty() {
        assertThat(HttpFailures.retryAfter(null, CLOCK)).isEmpty();
    }
}
