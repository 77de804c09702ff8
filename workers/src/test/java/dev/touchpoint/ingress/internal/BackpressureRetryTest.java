package dev.touchpoint.ingress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.ingress.EngineBusyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackpressureRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final BackpressureRetry retry = new BackpressureRetry(Duration.ofMillis(100), Duration.ofMillis(1000), 5,
            Duration.ofSeconds(7), pauses::add);

    @Test
    void retriesUntilTheEngineAcceptsWithGrowingJitteredPauses() {
        AtomicInteger calls = new AtomicInteger();
        long result = retry.call(() -> {
            if (calls.incrementAndGet() < 4) {
                throw new MessagePublisher.EngineBackpressureException("RESOURCE_EXHAUSTED", null);
            }
            return 42L;
        });

        assertThat(result).isEqualTo(42L);
        assertThat(calls).hasValue(4);
        assertThat(pauses).hasSize(3);
        assertThat(pauses.get(0).toMillis()).isBetween(50L, 100L);
        assertThat(pauses.get(1).toMillis()).isBetween(100L, 200L);
        assertThat(pauses.get(2).toMillis()).isBetween(200L, 400L);
    }

    @Test
    void pausesAreCappedAndJittered() {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            delays.add(retry.delay(10).toMillis());
        }
        assertThat(delays).allMatch(d -> d >= 500 && d <= 1000);
        assertThat(delays.stream().distinct().count()).as("jitter spreads retries").isGreaterThan(10);
    }

    @Test
    void afterTheLastAttemptTheCallerIsToldToRetryLaterNeverSilentlyDropped() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw new MessagePublisher.EngineBackpressureException("RESOURCE_EXHAUSTED", null);
        })).isInstanceOfSatisfying(EngineBusyException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(calls).hasValue(5);
        assertThat(pauses).hasSize(4);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            calls.incrementAndGet();
            throw new MessagePublisher.DuplicateMessageException("dup", null);
        })).isInstanceOf(MessagePublisher.DuplicateMessageException.class);
        assertThat(calls).hasValue(1);
    }
}
