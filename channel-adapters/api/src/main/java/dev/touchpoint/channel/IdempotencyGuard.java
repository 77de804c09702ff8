package dev.touchpoint.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes an adapter deliver each idempotency key at most once per process: a key that was accepted recently returns
 * the first receipt, and two concurrent sends of one key run the delivery once and share its outcome. A failed
 * delivery is not remembered, so a retry with the same key delivers.
 *
 * <p>This is a second line of defence inside one JVM (a job retried while its first attempt is still running, a
 * redelivered message). The guarantee across processes is the workers' atomic reservation in the customer context.
 * Memory is bounded by {@code capacity}; receipts older than {@code retention} are forgotten.
 *
 * <p>Beyond capacity the <em>oldest</em> receipt goes, so the recent ones, which retries ask for, stay. That is why
 * this is an insertion-ordered map and not a Caffeine cache: Caffeine's size eviction (W-TinyLFU) admits a new key
 * over an old one only when it was asked for more often, so under a stream of distinct keys it forgets recent keys
 * (30,000 keys through a Caffeine cache of 10,000 left about 100 of the last 1,000).
 */
public final class IdempotencyGuard {

    /** Capacity and retention used by the adapters unless configured otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private final int capacity;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Remembered> accepted;
    private final ConcurrentHashMap<String, CompletableFuture<DeliveryReceipt>> inFlight = new ConcurrentHashMap<>();

    public IdempotencyGuard(int capacity, Duration retention, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.retention = Require.notNull(retention, "retention");
        this.clock = Require.notNull(clock, "clock");
        this.accepted = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > IdempotencyGuard.this.capacity;
            }
        };
    }

    /** A guard with {@link #DEFAULT_CAPACITY} and {@link #DEFAULT_RETENTION} on the system clock. */
    public static IdempotencyGuard withDefaults() {
        return withDefaults(Clock.systemUTC());
    }

    /** A guard with {@link #DEFAULT_CAPACITY} and {@link #DEFAULT_RETENTION} on {@code clock}. */
    public static IdempotencyGuard withDefaults(Clock clock) {
        return new IdempotencyGuard(DEFAULT_CAPACITY, DEFAULT_RETENTION, clock);
    }

    /**
     * Runs {@code delivery} unless the key was accepted recently or is being delivered right now, and remembers the
     * receipt it returns. Exceptions of {@code delivery} propagate unchanged (to every concurrent caller of the key).
     */
    public DeliveryReceipt deliverOnce(String key, Supplier<DeliveryReceipt> delivery) {
        Optional<DeliveryReceipt> known = recent(key);
        if (known.isPresent()) {
            return known.get();
        }
        CompletableFuture<DeliveryReceipt> mine = new CompletableFuture<>();
        CompletableFuture<DeliveryReceipt> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            known = recent(key);
            DeliveryReceipt receipt = known.isPresent() ? known.get() : delivery.get();
            remember(key, receipt);
            mine.complete(receipt);
            return receipt;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** The receipt of a recent accepted delivery of this key. */
    public Optional<DeliveryReceipt> recent(String key) {
        synchronized (accepted) {
            Remembered remembered = accepted.get(key);
            if (remembered == null) {
                return Optional.empty();
            }
            if (expired(remembered, clock.instant())) {
                accepted.remove(key);
                return Optional.empty();
            }
            return Optional.of(remembered.receipt());
        }
    }

    private void remember(String key, DeliveryReceipt receipt) {
        synchronized (accepted) {
            Instant now = clock.instant();
            accepted.put(key, new Remembered(receipt, now));
            accepted.values().removeIf(r -> expired(r, now));
        }
    }

    /** Retention counts from when this process learned of the receipt: vendors' clocks and dates are not ours. */
    private boolean expired(Remembered remembered, Instant now) {
        return remembered.at().plus(retention).isBefore(now);
    }

    private record Remembered(DeliveryReceipt receipt, Instant at) {
    }

    private static DeliveryReceipt await(CompletableFuture<DeliveryReceipt> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
