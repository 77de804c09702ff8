package dev.touchpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The application's clock in a test: starts where the test says and moves only when the test moves it. Register it
 * as the application's {@code Clock} ({@link #register}); every component reads time through it, so a test decides
 * what day and hour it is, in any zone, whatever the machine's clock says.
 */
public final class TestClock extends Clock {

    private volatile Instant now;
    /** When set, the clock ticks (at the machine's pace) from {@link #now}, taken at this {@code System.nanoTime()}. */
    private volatile long tickingSince;
    private final boolean ticking;

    /** A clock that stands still at {@code start} until the test moves it. */
    public TestClock(Instant start) {
        this(start, false);
    }

    private TestClock(Instant start, boolean ticking) {
        this.now = start;
        this.ticking = ticking;
        this.tickingSince = System.nanoTime();
    }

    /**
     * A clock that runs from {@code start} at the machine's pace (so timeouts, leases and waits behave), and jumps
     * where the test sets or moves it.
     */
    public static TestClock ticking(Instant start) {
        return new TestClock(start, true);
    }

    /** A clock at {@code hour}:{@code minute} today, in {@code zone} ("today" as the machine sees it, then fixed). */
    public static TestClock atLocalTime(ZoneId zone, int hour, int minute) {
        return new TestClock(ZonedDateTime.now(zone).withHour(hour).withMinute(minute).withSecond(0).withNano(0).toInstant());
    }

    /**
     * A zone (a whole-hour UTC offset) where it is {@code hour} o'clock at {@code now}: tests use it to put a customer
     * inside or outside quiet hours, whatever the hour they run at.
     */
    public static ZoneId zoneWhereItIs(int hour, Instant now) {
        int offset = hour - now.atZone(ZoneOffset.UTC).getHour();
        if (offset > 14) {
            offset -= 24;
        }
        if (offset < -12) {
            offset += 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    public synchronized void set(Instant instant) {
        now = instant;
        tickingSince = System.nanoTime();
    }

    public synchronized void advance(Duration by) {
        set(instant().plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Instant instant() {
        return ticking ? now.plusNanos(System.nanoTime() - tickingSince) : now;
    }

    /** Registers this clock as the application's clock in a context being built (a primary bean named "testClock"). */
    public org.springframework.context.ApplicationContextInitializer<org.springframework.context.ConfigurableApplicationContext> register() {
        return context -> {
            if (context.getBeanFactory() instanceof org.springframework.beans.factory.support.DefaultListableBeanFactory factory) {
                org.springframework.beans.factory.support.RootBeanDefinition definition =
                        new org.springframework.beans.factory.support.RootBeanDefinition(Clock.class, () -> this);
                definition.setPrimary(true);
                factory.registerBeanDefinition("testClock", definition);
            } else {
                throw new IllegalStateException("cannot register the test clock in " + context.getBeanFactory());
            }
        };
    }
}
