package dev.touchpoint.delivery.internal;





import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spacing of retries after retryable provider failures ({@link RetryBackoff}). */
class RetryBackoffTest {

    private static TouchpointJob job(String retryBackoff) {
        return new TouchpointJob(1, 2, 3, "welcome", 1, "send", 3,
                TaskSettings.parse(Map.of("templateId", "welcome", "retryBackoff", retryBackoff)),
                new TouchpointVariables("c-1", Map.of(), null, null, null));
    }

    @Test
    void backoffDoublesPerFailureIsCappedAndHonoursRetryAfter() {
        TouchpointJob job = job("PT10S");

        assertThat(RetryBackoff.after(job, 1, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryBackoff.after(job, 2, Optional.empty())).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryBackoff.after(job, 3, Optional.empty())).isEqualTo(Duration.ofSeconds(40));
        assertThat(RetryBackoff.after(job, 30, Optional.empty())).isEqualTo(Duration.ofHours(1));
        assertThat(RetryBackoff.after(job, 1, Optional.of(Duration.ofMinutes(2)))).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryBackoff.after(job, 3, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void noFailureYetWaitsTheBaseAndHugeFailureCountsDoNotOverflow() {
        TouchpointJob job = job("PT10S");

        assertThat(RetryBackoff.after(job, 0, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryBackoff.after(job, Integer.MAX_VALUE, Optional.empty())).isEqualTo(RetryBackoff.MAX_BACKOFF);
    }

    @Test
    void aBaseLongerThanTheCapIsCappedButTheProvidersRetryAfterIsNot() {
        TouchpointJob job = job("PT2H");

        assertThat(RetryBackoff.after(job, 1, Optional.empty())).isEqualTo(Duration.ofHours(1));
        assertThat(RetryBackoff.after(job, 1, Optional.of(Duration.ofHours(3)))).isEqualTo(Duration.ofHours(3));
    }
}
