package dev.touchpoint.channel.sms;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureReason;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A client-side rate limit per sender, counted in message segments: Twilio queues each sender at a fixed rate (a
 * long code about 1 segment/s, a toll-free number about 3/s, a short code about 100/s) and lets a long queue grow
 * into hours of delay; keeping our own pace keeps journeys' timing honest and avoids queue-overflow errors (21611).
 *
 * <p>Each sender has a token bucket that holds up to one second of its rate (at least one message's worth). A send
 * reserves its segments; if the reservation means waiting up to {@code maxWait}, the caller waits (blocking the
 * worker thread, which is what spreads a campaign out); if it would mean waiting longer, nothing is reserved and the
 * send fails {@code RETRYABLE}/{@code RATE_LIMITED} with {@code retryAfter} = the wait, so the job is retried later
 * instead of holding a thread. See ADR-0003.
 */
public final class SenderRateLimiter {

    /** Pauses the calling thread; {@link #SLEEP} in production, a recorder in tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;

        Pause SLEEP = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    }

    /**
     * Segments per second for each kind of sender, per-sender overrides, and the longest wait.
     *
     * @param perKind   rate for each {@link SmsSender.Kind}
     * @param perSender rate for a sender key (a number or messaging service SID), overriding its kind
     * @param maxWait   longest a send waits before failing as rate limited
     */
    public record Limits(Map<SmsSender.Kind, Double> perKind, Map<String, Double> perSender, Duration maxWait) {

        public Limits {
            perKind = Map.copyOf(perKind);
            perSender = perSender == null ? Map.of() : Map.copyOf(perSender);
            Objects.requireNonNull(maxWait, "maxWait");
            for (SmsSender.Kind kind : SmsSender.Kind.values()) {
                Double rate = perKind.get(kind);
                if (rate == null || rate <= 0) {
                    throw new IllegalArgumentException("a positive rate is needed for " + kind);
                }
            }
            perSender.forEach((sender, rate) -> {
                if (rate == null || rate <= 0) {
                    throw new IllegalArgumentException("the rate of a sender must be positive");
                }
            });
        }

        double rateFor(SmsSender sender) {
            Double own = perSender.get(sender.key());
            return own != null ? own : perKind.get(sender.kind());
        }
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final Pause pause;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public SenderRateLimiter(Limits limits, LongSupplier nanoTime, Pause pause) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    private SenderRateLimiter(LongSupplier nanoTime, Pause pause) {
        this.limits = null;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** A limiter that never waits (the sandbox, or pacing switched off). */
    public static SenderRateLimiter unlimited() {
        return unlimited(System::nanoTime, Pause.SLEEP);
    }

    /** {@link #unlimited()} with the clock and pause a test observes: it must use neither. */
    static SenderRateLimiter unlimited(LongSupplier nanoTime, Pause pause) {
        return new SenderRateLimiter(nanoTime, pause);
    }

    /**
     * Takes {@code segments} from the sender's bucket, waiting if needed.
     *
     * @throws DeliveryFailure RETRYABLE/RATE_LIMITED when the wait would exceed {@code maxWait}
     */
    public void acquire(SmsSender sender, int segments) {
        if (limits == null) {
            return;
        }
        double rate = limits.rateFor(sender);
        TokenBucket bucket = buckets.computeIfAbsent(sender.key(), key -> new TokenBucket(rate, nanoTime.getAsLong()));
        long waitNanos = bucket.reserve(segments, nanoTime.getAsLong(), limits.maxWait().toNanos());
        if (waitNanos < 0) {
            throw DeliveryFailure.retryable(Channel.SMS, FailureReason.RATE_LIMITED)
                    .vendorMessage("sender " + sender.kind() + " is limited to " + rate + " segments/s")
                    .retryAfter(Duration.ofNanos(-waitNanos)).build();
        }
        if (waitNanos > 0) {
            try {
                pause.pause(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryFailure.retryable(Channel.SMS, FailureReason.RATE_LIMITED)
                        .vendorMessage("interrupted while pacing the sender").build();
            }
        }
    }

    /**
     * A token bucket that may go into debt: a reservation is granted when the debt it creates is repaid within the
     * maximum wait, so concurrent senders queue in arrival order without a lock held while waiting.
     */
    static final class TokenBucket {
        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long updatedAt;

        TokenBucket(double perSecond, long now) {
            this.ratePerNano = perSecond / 1e9;
            this.capacity = Math.max(1.0, perSecond);
            this.tokens = capacity;
            this.updatedAt = now;
        }

        /** Nanoseconds to wait (0 = go now), or minus the needed wait when it exceeds {@code maxWaitNanos}. */
        synchronized long reserve(int permits, long now, long maxWaitNanos) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * ratePerNano);
            updatedAt = now;
            double after = tokens - permits;
            if (after >= 0) {
                tokens = after;
                return 0;
            }
            long wait = (long) Math.ceil(-after / ratePerNano);
            if (wait > maxWaitNanos) {
                return -wait;
            }
            tokens = after;
            return wait;
        }
    }
}
