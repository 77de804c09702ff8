package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SenderRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final long[] now = {0};
    private final List<Duration> pauses = new ArrayList<>();

    private SenderRateLimiter limiter(Duration maxWait, Map<String, Double> perSender) {
        return new SenderRateLimiter(new SenderRateLimiter.Limits(Map.of(
                SmsSender.Kind.LONG_CODE, 1.0, SmsSender.Kind.TOLL_FREE, 3.0, SmsSender.Kind.SHORT_CODE, 100.0,
                SmsSender.Kind.ALPHANUMERIC, 10.0, SmsSender.Kind.MESSAGING_SERVICE, 10.0), perSender, maxWait),
                () -> now[0], d -> {
                    pauses.add(d);
                    now[0] += d.toNanos();
                });
    }

    @Test
    void aLongCodeSendsOneSegmentPerSecondWaitingWithinTheMaximum() {
        SenderRateLimiter limiter = limiter(Duration.ofSeconds(5), Map.of());
        SmsSender longCode = SmsSender.number("+14155550100");

        limiter.acquire(longCode, 1);
        limiter.acquire(longCode, 1);
        limiter.acquire(longCode, 2);

        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aWaitBeyondTheMaximumFailsRetryableWithoutReserving() {
        SenderRateLimiter limiter = limiter(Duration.ofMillis(1500), Map.of());
        SmsSender longCode = SmsSender.number("+14155550100");
        limiter.acquire(longCode, 1);

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> limiter.acquire(longCode, 3));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
        limiter.acquire(longCode, 1); // the refused reservation took nothing: one second for one segment
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void sendersAreIndependentAndShortCodesAreFast() {
        SenderRateLimiter limiter = limiter(Duration.ZERO, Map.of());

        for (int i = 0; i < 100; i++) {
            limiter.acquire(SmsSender.number("12345"), 1);
        }
        limiter.acquire(SmsSender.number("+14155550100"), 1);
        limiter.acquire(SmsSender.number("+14155550101"), 1);

        assertThat(pauses).isEmpty();
        assertThat(catchThrowableOfType(DeliveryFailure.class,
                () -> limiter.acquire(SmsSender.number("12345"), 1)).retryAfter())
                .contains(Duration.ofMillis(10));
    }

    @Test
    void tokensRefillWithTimeUpToOneSecondOfBurst() {
        SenderRateLimiter limiter = limiter(Duration.ZERO, Map.of());
        SmsSender tollFree = SmsSender.number("+18005550100");
        limiter.acquire(tollFree, 3);
        now[0] += 10 * SECOND;

        limiter.acquire(tollFree, 3);

        assertThat(catchThrowableOfType(DeliveryFailure.class, () -> limiter.acquire(tollFree, 1))).isNotNull();
    }

    @Test
    void aPerSenderRateOverridesItsKind() {
        SenderRateLimiter limiter = limiter(Duration.ZERO, Map.of("+14155550100", 50.0));

        for (int i = 0; i < 50; i++) {
            limiter.acquire(SmsSender.number("+14155550100"), 1);
        }

        assertThat(pauses).isEmpty();
    }

    @Test
    void theUnlimitedLimiterNeverWaits() {
        List<Long> clockReads = new ArrayList<>();
        SenderRateLimiter unlimited = SenderRateLimiter.unlimited(() -> {
            clockReads.add(now[0]);
            return now[0];
        }, pauses::add);
        for (int i = 0; i < 1000; i++) {
            unlimited.acquire(SmsSender.number("+14155550100"), 10);
        }
        assertThat(pauses).as("waits").isEmpty();
        assertThat(clockReads).as("no bucket is even kept").isEmpty();
    }
}
