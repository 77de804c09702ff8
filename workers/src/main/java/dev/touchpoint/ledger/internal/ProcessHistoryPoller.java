package dev.touchpoint.ledger.internal;

import dev.touchpoint.engine.EngineRuntime;
import io.camunda.zeebe.protocol.record.Record;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the embedded engine's record stream from a background thread, from where it stopped last time, and writes
 * the process history through the {@link ProcessHistoryMapper}. Entries that could not be written are kept and tried
 * again on the next poll. The stream is the engine's in-memory log: it starts empty with every engine start.
 */
public final class ProcessHistoryPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessHistoryPoller.class);
    private static final int CHUNK = 200;
    /** Records mapped per poll at most, so that entries waiting for the database stay bounded too. */
    private static final int MAX_PER_POLL = 20_000;
    /** Longest wait for one chunk; an unanswered chunk is written again on the next poll. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final EngineRuntime.RecordStream stream;
    private final ProcessHistoryMapper mapper;
    private final LedgerWriter writer;
    private final Duration interval;
    private final Clock clock;
    private final List<EntryDraft> unwritten = new ArrayList<>();
    private ScheduledExecutorService executor;
    private EngineRuntime.Cursor cursor;
    private volatile long recordsRead;

    public ProcessHistoryPoller(EngineRuntime.RecordStream stream, ProcessHistoryMapper mapper, LedgerWriter writer,
                                Duration interval, Clock clock) {
        this.stream = stream;
        this.mapper = mapper;
        this.writer = writer;
        this.interval = interval;
        this.clock = clock;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        cursor = stream.cursor("ledger-process-history");
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-process-history");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Ledger: recording process history from the embedded engine every {}", interval);
    }

    /** Stops polling after a last poll, so that the final steps of the engine are recorded too. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pollQuietly();
        }
        synchronized (this) {
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
        }
    }

    public long recordsRead() {
        return recordsRead;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (IllegalStateException e) {
            log.debug("Ledger: record stream not readable now: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Ledger: process history poll failed (will retry): {}", e.toString());
        }
    }

    /**
     * Writes what is left from the last poll, then reads new records and writes their entries; returns how many records
     * were read. While earlier entries cannot be written, no new records are read (they wait in the engine's log), so
     * memory does not grow while the database is away.
     */
    public synchronized int poll() {
        writeUnwritten();
        if (!unwritten.isEmpty()) {
            return 0;
        }
        int read = readNewRecords();
        unwritten.addAll(mapper.drainReady(clock.instant()));
        writeUnwritten();
        return read;
    }

    private void writeUnwritten() {
        if (unwritten.isEmpty()) {
            return;
        }
        List<CompletableFuture<List<Appended>>> futures = new ArrayList<>();
        List<List<EntryDraft>> chunks = new ArrayList<>();
        for (int i = 0; i < unwritten.size(); i += CHUNK) {
            List<EntryDraft> chunk = List.copyOf(unwritten.subList(i, Math.min(unwritten.size(), i + CHUNK)));
            chunks.add(chunk);
            futures.add(writer.submit(chunk));
        }
        List<EntryDraft> failed = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.addAll(chunks.get(i));
            } catch (ExecutionException | TimeoutException e) {
                failed.addAll(chunks.get(i));
            }
        }
        unwritten.clear();
        unwritten.addAll(failed);
        if (!failed.isEmpty()) {
            log.warn("Ledger: {} process history entries could not be written; reading paused, retrying on the next poll", failed.size());
        }
    }

    /** Reads the records written since the last poll, at most {@value #MAX_PER_POLL} (the rest wait in the engine's log). */
    private int readNewRecords() {
        if (cursor == null) {
            cursor = stream.cursor("ledger-process-history");
        }
        int read = 0;
        for (List<Record<?>> batch = cursor.next(CHUNK * 5); !batch.isEmpty(); batch = read >= MAX_PER_POLL ? List.of() : cursor.next(CHUNK * 5)) {
            for (Record<?> record : batch) {
                mapper.accept(record, clock.instant());
            }
            read += batch.size();
        }
        recordsRead += read;
        return read;
    }
}
