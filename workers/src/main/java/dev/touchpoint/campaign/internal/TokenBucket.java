package dev.touchpoint.campaign.internal;

/**
 * The throttle of a launch: {@code rate} tokens per second, at most {@code capacity} saved up. One token = one
 * instance started. Used from the single launcher thread only (not thread-safe), with an explicit clock in nanos so
 * tests need not sleep.
 */
final class TokenBucket {

    private final double rate;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(double rate, double capacity, long nowNanos) {
        if (rate <= 0 || capacity < 1) {
            throw new IllegalArgumentException("rate must be positive and capacity at least 1");
        }
        this.rate = rate;
        this.capacity = capacity;
        this.tokens = 1; // the first instance may start at once, the rest follow the rate
        this.lastNanos = nowNanos;
    }

    /** Whole tokens available now (refilled for the time since the last call). */
    int available(long nowNanos) {
        refill(nowNanos);
        return (int) Math.floor(tokens);
    }

    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Gives back a token that was taken but not used (the customer was suppressed or already started). */
    void giveBack() {
        tokens = Math.min(capacity, tokens + 1);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * rate / 1_000_000_000d);
            lastNanos = nowNanos;
        }
    }
}
