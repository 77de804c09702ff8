package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EvidenceNotRecordedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Group commit: one writer thread takes whatever submissions are waiting (up to {@code maxBatch} entries, lingering
 * at most {@code maxWait} for more) and appends them in one transaction; every caller blocks in
 * {@link #appendAndWait} until the transaction holding its entries committed. Concurrent job workers therefore share
 * commits (throughput grows with load) and none of them returns before its evidence is durable.
 *
 * <p>A batch that fails is retried on transient concurrency failures (another instance appending to the same chain);
 * when it still fails, each submission is tried alone, so one bad entry never fails others.
 */
public final class LedgerWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    private static final int CONCURRENCY_ATTEMPTS = 5;

    /** Tuning of the writer. */
    public record Settings(int maxBatch, Duration maxWait, int queueCapacity, Duration ackTimeout) {
        public Settings {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("touchpoint.ledger.writer.max-batch must be at least 1");
            }
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("touchpoint.ledger.writer.queue-capacity must be at least 1");
            }
            if (maxWait.isNegative() || ackTimeout.isNegative() || ackTimeout.isZero()) {
                throw new IllegalArgumentException("touchpoint.ledger.writer: max-wait must be >= 0 and ack-timeout > 0");
            }
        }
    }

    private record Submission(List<EntryDraft> drafts, CompletableFuture<List<Appended>> done) {
    }

    private final ChainAppender appender;
    private final Settings settings;
    private final BlockingQueue<Submission> queue;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicLong committedEntries = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private Submission carry;

    private final Timer commitTimer;
    private final DistributionSummary batchEntries;
    private final Counter failures;

    public LedgerWriter(ChainAppender appender, Settings settings, MeterRegistry meters) {
        this.appender = appender;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        if (meters != null) {
            this.commitTimer = Timer.builder("touchpoint.ledger.commit").description("Evidence ledger batch commits")
                    .publishPercentileHistogram().register(meters);
            this.batchEntries = DistributionSummary.builder("touchpoint.ledger.batch.entries")
                    .description("Entries per committed ledger batch").register(meters);
            this.failures = Counter.builder("touchpoint.ledger.failures").description("Ledger submissions that failed").register(meters);
            Gauge.builder("touchpoint.ledger.queue", queue, BlockingQueue::size).description("Submissions waiting for the ledger writer")
                    .register(meters);
        } else {
            this.commitTimer = null;
            this.batchEntries = null;
            this.failures = null;
        }
        this.thread = new Thread(this::run, "ledger-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues the drafts (one transaction, in order); the future completes once they are committed. */
    public CompletableFuture<List<Appended>> submit(List<EntryDraft> drafts) {
        CompletableFuture<List<Appended>> done = new CompletableFuture<>();
        if (drafts.isEmpty()) {
            done.complete(List.of());
            return done;
        }
        if (!accepting) {
            done.completeExceptionally(new EvidenceNotRecordedException("the evidence ledger is shutting down"));
            return done;
        }
        try {
            if (!queue.offer(new Submission(List.copyOf(drafts), done), settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                done.completeExceptionally(new EvidenceNotRecordedException("the evidence ledger queue stayed full for "
                        + settings.ackTimeout() + " (database too slow or unreachable?)"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new EvidenceNotRecordedException("interrupted while queueing evidence", e));
        }
        return done;
    }

    /**
     * Appends the drafts and returns once they are committed.
     *
     * @throws EvidenceNotRecordedException when they could not be committed within the ack timeout
     */
    public List<Appended> appendAndWait(List<EntryDraft> drafts) {
        CompletableFuture<List<Appended>> done = submit(drafts);
        try {
            return done.get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceNotRecordedException("interrupted while waiting for the evidence ledger", e);
        } catch (TimeoutException e) {
            throw new EvidenceNotRecordedException("evidence was not committed within " + settings.ackTimeout(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EvidenceNotRecordedException notRecorded) {
                throw notRecorded;
            }
            throw new EvidenceNotRecordedException("evidence could not be committed: " + e.getCause(), e.getCause());
        }
    }

    public int queued() {
        return queue.size();
    }

    public boolean alive() {
        return thread.isAlive();
    }

    /** The last failure, if the most recent batch failed; null after a success. */
    public String lastFailure() {
        return lastFailure.get();
    }

    public long committedEntries() {
        return committedEntries.get();
    }

    public long committedBatches() {
        return committedBatches.get();
    }

    /** Stops accepting, commits what is queued, then stops the thread. */
    @Override
    public void close() {
        accepting = false;
        running = false;
        try {
            thread.join(settings.ackTimeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Submission left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new EvidenceNotRecordedException("the evidence ledger stopped"));
        }
    }

    private void run() {
        while (running || !queue.isEmpty() || carry != null) {
            try {
                List<Submission> batch = nextBatch();
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("Evidence ledger writer: unexpected failure (continuing)", e);
            }
        }
    }

    private List<Submission> nextBatch() throws InterruptedException {
        List<Submission> batch = new ArrayList<>();
        Submission first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
        carry = null;
        if (first == null) {
            return batch;
        }
        batch.add(first);
        int entries = first.drafts().size();
        long lingerUntil = System.nanoTime() + settings.maxWait().toNanos();
        while (entries < settings.maxBatch()) {
            Submission next = queue.poll();
            if (next == null) {
                long left = lingerUntil - System.nanoTime();
                if (left <= 0 || !running) {
                    break;
                }
                next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
            }
            if (entries + next.drafts().size() > settings.maxBatch()) {
                carry = next;
                break;
            }
            batch.add(next);
            entries += next.drafts().size();
        }
        return batch;
    }

    private void write(List<Submission> batch) {
        List<EntryDraft> drafts = new ArrayList<>();
        batch.forEach(s -> drafts.addAll(s.drafts()));
        try {
            List<Appended> appended = appendWithRetry(drafts);
            int from = 0;
            for (Submission s : batch) {
                s.done().complete(List.copyOf(appended.subList(from, from + s.drafts().size())));
                from += s.drafts().size();
            }
            lastFailure.set(null);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                fail(batch.getFirst(), e);
                return;
            }
            log.warn("Evidence ledger: a batch of {} submissions failed ({}); retrying them one by one", batch.size(), e.toString());
            for (Submission s : batch) {
                try {
                    s.done().complete(appendWithRetry(s.drafts()));
                    lastFailure.set(null);
                } catch (RuntimeException single) {
                    fail(s, single);
                }
            }
        }
    }

    private void fail(Submission s, RuntimeException e) {
        lastFailure.set(e.toString());
        if (failures != null) {
            failures.increment();
        }
        log.error("Evidence ledger: {} entr{} could not be committed: {}", s.drafts().size(), s.drafts().size() == 1 ? "y" : "ies", e.toString());
        s.done().completeExceptionally(new EvidenceNotRecordedException("evidence could not be committed: " + e, e));
    }

    private List<Appended> appendWithRetry(List<EntryDraft> drafts) {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                List<Appended> appended = appender.append(drafts);
                committedEntries.addAndGet(drafts.size());
                committedBatches.incrementAndGet();
                if (commitTimer != null) {
                    commitTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    batchEntries.record(drafts.size());
                }
                return appended;
            } catch (DuplicateKeyException | TransientDataAccessException e) {
                if (attempt >= CONCURRENCY_ATTEMPTS) {
                    throw e;
                }
                log.debug("Evidence ledger: concurrent append on a shared chain (attempt {}), retrying: {}", attempt, e.toString());
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
