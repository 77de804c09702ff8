package dev.touchpoint.engine;

import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.record.Record;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine's records as Touchpoint reads them, in bounded memory (issue 16.7). The engine library keeps
 * every record it ever wrote in a list, so the heap of a long-running embedded default only grows; this log holds a
 * window instead: the most recent {@code retained} records plus every record a cursor or subscription has not read yet.
 * Whoever must see every record (the ledger's process history, the campaign and running-journey indexes) reads with a
 * cursor or a subscription, which never miss a record; everyone else sees the recent window.
 *
 * <p>A thread drains the engine's log every {@code interval}: it turns new log entries into records, hands them to the
 * subscriptions, trims the window and tells the log which positions every reader has passed ({@code released}), so
 * the log can drop them too.
 */
public final class EngineRecordLog implements EngineRuntime.RecordStream, RecordStreamSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineRecordLog.class);
    private static final int BATCH = 1_000;
    private static final long WARNING_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    /** Where records come from: appends the records written since the last call, returns the last position read. */
    @FunctionalInterface
    public interface Source {
        long readNew(List<Record<?>> into);
    }

    private final Source source;
    private final int retained;
    private final LongConsumer released;
    /** The window: {@code window.get(i)} is record number {@code first + i} (numbered from 0 since the start). */
    private final ArrayList<Record<?>> window = new ArrayList<>();
    private long first;
    private long lastPosition = -1;
    private long lastWarning = System.nanoTime() - WARNING_INTERVAL_NANOS;
    private final Map<ReaderCursor, Boolean> cursors = new ConcurrentHashMap<>();
    private final List<ListenerSubscription> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService drainer;
    private final java.util.function.LongSupplier sourceBytes;

    /**
     * @param retained how many of the most recent records are kept for {@link #all()} beyond those a reader still needs
     * @param released told the highest position every record up to which has been read from the source
     * @param interval how often new records are drained; zero or negative for no thread (tests drain by reading)
     */
    public EngineRecordLog(Source source, int retained, LongConsumer released, java.time.Duration interval) {
        this(source, retained, released, interval, () -> -1);
    }

    /** @param sourceBytes bytes the source's log holds now (-1 when unknown), for {@link #sourceBytes()} */
    public EngineRecordLog(Source source, int retained, LongConsumer released, java.time.Duration interval,
                           java.util.function.LongSupplier sourceBytes) {
        this.sourceBytes = Objects.requireNonNull(sourceBytes);
        if (retained < 0) {
            throw new IllegalArgumentException("retained records must be 0 or more, was " + retained);
        }
        this.source = Objects.requireNonNull(source);
        this.retained = retained;
        this.released = released == null ? position -> { } : released;
        if (interval != null && !interval.isZero() && !interval.isNegative()) {
            drainer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "engine-record-log");
                t.setDaemon(true);
                return t;
            });
            drainer.scheduleWithFixedDelay(this::drainQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            drainer = null;
        }
    }

    @Override
    public Iterable<Record<?>> all() {
        synchronized (this) {
            readSource();
            return Collections.unmodifiableList(new ArrayList<>(window));
        }
    }

    /** For the engine library's own API ({@code ZeebeTestEngine.getRecordStreamSource()}): the same as {@link #all()}. */
    @Override
    public Iterable<Record<?>> getRecords() {
        return all();
    }

    @Override
    public synchronized EngineRuntime.Cursor cursor(String name) {
        ReaderCursor cursor = new ReaderCursor(name, first);
        cursors.put(cursor, Boolean.TRUE);
        return cursor;
    }

    @Override
    public EngineRuntime.Subscription subscribe(String name, Consumer<Record<?>> listener) {
        ListenerSubscription subscription = new ListenerSubscription((ReaderCursor) cursor(name), listener);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Records held in memory now. */
    public synchronized int held() {
        return window.size();
    }

    /** Bytes the engine's log holds now (entries not yet released); -1 when unknown (MEMORY state). */
    public long sourceBytes() {
        return sourceBytes.getAsLong();
    }

    /** How many records the slowest cursor or subscription has not read yet (0 without any). */
    public synchronized long behind() {
        long end = first + window.size();
        long slowest = end;
        for (ReaderCursor cursor : cursors.keySet()) {
            slowest = Math.min(slowest, cursor.next);
        }
        return end - slowest;
    }

    /** The name of the slowest reader and how far behind it is, for the log. */
    private synchronized String slowest() {
        long end = first + window.size();
        ReaderCursor slowest = null;
        for (ReaderCursor cursor : cursors.keySet()) {
            if (slowest == null || cursor.next < slowest.next) {
                slowest = cursor;
            }
        }
        return slowest == null ? "none" : "'" + slowest.name + "' (" + (end - slowest.next) + " records behind)";
    }

    /** Records read from the engine since the start. */
    public synchronized long read() {
        return first + window.size();
    }

    /** Reads what the engine wrote, hands it to the subscriptions, trims the window; also what the thread does. */
    public void drain() {
        synchronized (this) {
            readSource();
        }
        for (ListenerSubscription subscription : subscriptions) {
            subscription.catchUp();
        }
        long read;
        int held;
        synchronized (this) {
            trim();
            read = lastPosition;
            held = window.size();
        }
        if (read >= 0) {
            released.accept(read);
        }
        long now = System.nanoTime();
        if (held > 2L * retained + BATCH && now - lastWarning > WARNING_INTERVAL_NANOS) {
            lastWarning = now;
            log.warn("Engine records: {} held in memory, beyond the {} kept for a look back, because a reader is behind: {}."
                    + " The heap grows until it catches up; beyond touchpoint.engine.embedded.max-unread-records the engine"
                    + " refuses new work (RESOURCE_EXHAUSTED) until it has", held, retained, slowest());
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Engine records: reading the embedded engine's log failed (retrying): {}", e.toString());
        }
    }

    /** Caller holds the lock. */
    private void readSource() {
        List<Record<?>> fresh = new ArrayList<>();
        long position = source.readNew(fresh);
        window.addAll(fresh);
        lastPosition = Math.max(lastPosition, position);
        if (cursors.isEmpty()) {
            trim();
        }
    }

    /** Caller holds the lock: drops the oldest records nobody needs beyond the most recent {@code retained}. */
    private void trim() {
        long end = first + window.size();
        long needed = end;
        for (ReaderCursor cursor : cursors.keySet()) {
            needed = Math.min(needed, cursor.next);
        }
        long drop = Math.min(window.size() - (long) retained, needed - first);
        if (drop > 0) {
            window.subList(0, (int) drop).clear();
            first += drop;
        }
    }

    @Override
    public void close() {
        if (drainer != null) {
            drainer.shutdownNow();
        }
        subscriptions.clear();
        cursors.clear();
    }

    private final class ReaderCursor implements EngineRuntime.Cursor {
        private final String name;
        private long next;

        ReaderCursor(String name, long next) {
            this.name = name;
            this.next = next;
        }

        @Override
        public List<Record<?>> next(int max) {
            synchronized (EngineRecordLog.this) {
                if (!cursors.containsKey(this)) {
                    throw new IllegalStateException("engine record cursor '" + name + "' is closed");
                }
                readSource();
                int from = (int) (next - first);
                int to = (int) Math.min(window.size(), (long) from + Math.max(0, max));
                if (from >= to) {
                    return List.of();
                }
                List<Record<?>> records = List.copyOf(window.subList(from, to));
                next += records.size();
                return records;
            }
        }

        @Override
        public void close() {
            synchronized (EngineRecordLog.this) {
                cursors.remove(this);
                trim();
            }
        }

        @Override
        public String toString() {
            return "cursor " + name;
        }
    }

    private final class ListenerSubscription implements EngineRuntime.Subscription {
        private final ReaderCursor cursor;
        private final Consumer<Record<?>> listener;

        ListenerSubscription(ReaderCursor cursor, Consumer<Record<?>> listener) {
            this.cursor = cursor;
            this.listener = listener;
        }

        @Override
        public synchronized void catchUp() {
            if (!cursors.containsKey(cursor)) {
                return;
            }
            for (List<Record<?>> batch = cursor.next(BATCH); !batch.isEmpty(); batch = cursor.next(BATCH)) {
                for (Record<?> record : batch) {
                    try {
                        listener.accept(record);
                    } catch (RuntimeException e) {
                        log.warn("Engine records: subscriber '{}' failed on record {} (skipped): {}", cursor.name,
                                record.getPosition(), e.toString());
                    }
                }
            }
        }

        @Override
        public void close() {
            subscriptions.remove(this);
            cursor.close();
        }
    }
}
