package dev.touchpoint.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock during a simulation: it runs at the machine's pace from where the simulator sets it, and
 * jumps when the simulator moves it, always together with the embedded engine's clock, which also runs at the
 * machine's pace. The two clocks therefore keep a constant distance, so a delay computed by the application (a
 * deferral until 08:00 in the customer's zone) and a timer or backoff kept by the engine fall due together.
 */
public final class SimulatedClock extends Clock {

    private Instant base;
    private long baseNanos;

    public SimulatedClock(Instant start) {
        set(start);
    }

    public synchronized void set(Instant instant) {
        base = instant;
        baseNanos = System.nanoTime();
    }

    public synchronized void advance(Duration by) {
        set(instant().plus(by));
    }

    @Override
    public synchronized Instant instant() {
        return base.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
