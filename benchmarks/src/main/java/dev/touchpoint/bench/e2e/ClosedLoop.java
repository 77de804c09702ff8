package dev.touchpoint.bench.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The load of one scenario: keeps {@code concurrency} journeys in flight (a new one starts when one reaches its second
 * touchpoint or is given up after {@code flightTimeout}), and records per journey
 * <ul>
 *   <li>first-touchpoint latency: from the start event being published to the first provider request, and</li>
 *   <li>second-touchpoint latency: from the follow-up message being published (right when the first request arrived)
 *       to the second provider request, minus the first provider's simulated delay (which the journey must wait out
 *       before it can take the follow-up message).</li>
 * </ul>
 * Latencies are recorded only while {@link #measuring()} is on.
 */
final class ClosedLoop {

    /** Publishes the start event (first) or the follow-up message (second) for a journey key. */
    interface Publisher {
        void publish(String key, Runnable onFailure);
    }

    private record Flight(long startedNanos, long followUpNanos, long firstDelayMs) {}

    private final Semaphore permits;
    private final Map<String, Flight> inFlight = new ConcurrentHashMap<>();
    final Recorder first = new Recorder(3);
    final Recorder second = new Recorder(3);
    final AtomicLong started = new AtomicLong();
    final AtomicLong firstTouches = new AtomicLong();
    final AtomicLong secondTouches = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    private volatile boolean measuring;
    private volatile Publisher followUp;

    ClosedLoop(int concurrency) {
        this.permits = new Semaphore(concurrency);
    }

    void followUpWith(Publisher publisher) {
        this.followUp = publisher;
    }

    boolean measuring() {
        return measuring;
    }

    /** Starts measuring from now: histograms and counters are reset. */
    void startMeasuring() {
        first.reset();
        second.reset();
        firstTouches.set(0);
        secondTouches.set(0);
        started.set(0);
        lost.set(0);
        publishFailures.set(0);
        measuring = true;
    }

    void stopMeasuring() {
        measuring = false;
    }

    /** Starts journeys until {@code untilNanos}; keys come from {@code keys}. */
    void drive(long untilNanos, java.util.function.LongFunction<String> keys, Publisher start, long flightTimeoutNanos)
            throws InterruptedException {
        long n = 0;
        long lastReap = System.nanoTime();
        while (System.nanoTime() < untilNanos) {
            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                lastReap = reapIfDue(lastReap, flightTimeoutNanos);
                continue;
            }
            String key = keys.apply(n++);
            inFlight.put(key, new Flight(System.nanoTime(), 0, 0));
            started.incrementAndGet();
            start.publish(key, () -> fail(key));
            lastReap = reapIfDue(lastReap, flightTimeoutNanos);
        }
    }

    /** Waits until every journey in flight arrived or timed out. */
    void drain(long timeoutNanos) throws InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        while (!inFlight.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50); // polling the in-flight set at the end of a run, not test synchronisation
        }
        lost.addAndGet(inFlight.size());
        inFlight.clear();
    }

    /** The first touchpoint of journey {@code key} reached its provider at {@code nanos}. */
    void firstTouch(String key, long nanos, long providerDelayMs) {
        Flight flight = inFlight.get(key);
        if (flight == null || flight.followUpNanos != 0) {
            return;
        }
        long followUpAt = System.nanoTime();
        inFlight.put(key, new Flight(flight.startedNanos, followUpAt, providerDelayMs));
        if (measuring) {
            first.recordValue(Math.max(0, nanos - flight.startedNanos) / 1_000);
            firstTouches.incrementAndGet();
        }
        followUp.publish(key, () -> fail(key));
    }

    /** The second touchpoint of journey {@code key} reached its provider at {@code nanos}: the journey is done. */
    void secondTouch(String key, long nanos) {
        Flight flight = inFlight.remove(key);
        if (flight == null) {
            return;
        }
        if (measuring && flight.followUpNanos != 0) {
            long micros = (nanos - flight.followUpNanos) / 1_000 - flight.firstDelayMs * 1_000;
            second.recordValue(Math.max(0, micros));
            secondTouches.incrementAndGet();
        }
        permits.release();
    }

    private void fail(String key) {
        if (inFlight.remove(key) != null) {
            publishFailures.incrementAndGet();
            permits.release();
        }
    }

    private long reapIfDue(long lastReap, long flightTimeoutNanos) {
        long now = System.nanoTime();
        if (now - lastReap < 1_000_000_000L) {
            return lastReap;
        }
        inFlight.forEach((key, flight) -> {
            if (now - flight.startedNanos > flightTimeoutNanos && inFlight.remove(key, flight)) {
                lost.incrementAndGet();
                permits.release();
            }
        });
        return now;
    }
}
