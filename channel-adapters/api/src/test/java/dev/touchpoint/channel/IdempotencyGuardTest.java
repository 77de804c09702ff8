package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final IdempotencyGuard guard = new IdempotencyGuard(3, Duration.ofHours(1), clock);
    private final AtomicInteger deliveries = new AtomicInteger();

    private DeliveryReceipt deliver() {
        int n = deliveries.incrementAndGet();
        return new DeliveryReceipt(Channel.SMS, "SM" + n, clock.instant(), DeliveryStatus.QUEUED);
    }

    @Test
    void anAcceptedKeyIsDeliveredOnce() {
        DeliveryReceipt first = guard.deliverOnce("k", this::deliver);
        DeliveryReceipt second = guard.deliverOnce("k", this::deliver);

        assertThat(second).isEqualTo(first);
        assertThat(deliveries).hasValue(1);
        assertThat(guard.recent("k")).contains(first);
    }

    @Test
    void aFailedDeliveryIsNotRememberedSoARetryDelivers() {
        assertThatThrownBy(() -> guard.deliverOnce("k", () -> {
            throw DeliveryFailure.retryable(Channel.SMS, FailureReason.TIMEOUT).build();
        })).isInstanceOf(DeliveryFailure.class);

        guard.deliverOnce("k", this::deliver);

        assertThat(deliveries).hasValue(1);
    }

    @Test
    void receiptsAreForgottenAfterTheRetention() {
        guard.deliverOnce("k", this::deliver);
        clock.advance(Duration.ofMinutes(61));

        assertThat(guard.recent("k")).isEmpty();
        guard.deliverOnce("k", this::deliver);
        assertThat(deliveries).hasValue(2);
    }

    @Test
    void retentionCountsFromWhenTheReceiptWasLearnedNotFromTheVendorsDate() {
        DeliveryReceipt old = new DeliveryReceipt(Channel.SMS, "SM-old", Instant.parse("2020-01-01T00:00:00Z"),
                DeliveryStatus.QUEUED);
        guard.deliverOnce("k", () -> old);

        assertThat(guard.recent("k")).contains(old);
    }

    @Test
    void theOldestReceiptsAreEvictedBeyondCapacity() {
        for (String key : new String[] {"a", "b", "c", "d"}) {
            guard.deliverOnce(key, this::deliver);
        }

        assertThat(guard.recent("a")).isEmpty();
        assertThat(guard.recent("d")).isPresent();
    }

    @Test
    void concurrentSendsOfOneKeyShareOneDelivery() throws Exception {
        CountDownLatch deliveryStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<DeliveryReceipt> first = CompletableFuture.supplyAsync(
                    () -> guard.deliverOnce("k", () -> {
                        deliveryStarted.countDown();
                        await(release);
                        return deliver();
                    }), pool);
            assertThat(deliveryStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<DeliveryReceipt> second = CompletableFuture.supplyAsync(
                    () -> guard.deliverOnce("k", this::deliver), pool);
            release.countDown();

            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(first.get(5, TimeUnit.SECONDS));
            assertThat(deliveries).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
