package dev.touchpoint.ingress.internal;

import dev.touchpoint.ingress.EngineBusyException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a command the engine refused with backpressure, with jittered exponential backoff ("full jitter" between
 * half and the whole of {@code initial * 2^attempt}, capped at {@code max}). After {@code attempts} refusals the
 * caller gets {@link EngineBusyException} with the Retry-After to pass on: the event is never dropped silently.
 */
public final class BackpressureRetry {

    /** How the retry waits; a seam so unit tests need not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Duration initial;
    private final Duration max;
    private final int attempts;
    private final Duration retryAfter;
    private final Pause pause;

    public BackpressureRetry(Duration initial, Duration max, int attempts, Duration retryAfter, Pause pause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.initial = initial;
        this.max = max;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
        this.pause = pause;
    }

    public static BackpressureRetry sleeping(Duration initial, Duration max, int attempts, Duration retryAfter) {
        return new BackpressureRetry(initial, max, attempts, retryAfter, d -> Thread.sleep(d.toMillis()));
    }

    public <T> T call(Supplier<T> command) {
        MessagePublisher.EngineBackpressureException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                return command.get();
            } catch (MessagePublisher.EngineBackpressureException e) {
                last = e;
                if (attempt + 1 < attempts) {
                    try {
                        pause.pause(delay(attempt));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        throw new EngineBusyException("the engine is applying backpressure", retryAfter, last);
    }

    /** The wait after the given (0-based) refused attempt. */
    Duration delay(int attempt) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
