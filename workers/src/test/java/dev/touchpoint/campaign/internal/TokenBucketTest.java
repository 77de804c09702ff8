package dev.touchpoint.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsWithOneTokenThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.available(SECOND / 10)).isEqualTo(1);
        assertThat(bucket.tryTake(SECOND / 10)).isTrue();
    }

    @Test
    void overAnyLongRunAtMostRateTimesTimePlusCapacityAreTaken() {
        TokenBucket bucket = new TokenBucket(25, 3, 0);
        int taken = 0;
        for (long t = 0; t <= 10 * SECOND; t += SECOND / 1000) {
            while (bucket.tryTake(t)) {
                taken++;
            }
        }
        assertThat(taken).isBetween(250, 25 * 10 + 3);
    }

    @Test
    void idleTimeSavesUpOnlyTheCapacity() {
        TokenBucket bucket = new TokenBucket(5, 2, 0);
        bucket.tryTake(0);
        assertThat(bucket.available(60 * SECOND)).isEqualTo(2);
    }
}
