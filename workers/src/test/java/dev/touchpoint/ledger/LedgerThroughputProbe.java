package dev.touchpoint.ledger;

import dev.touchpoint.ledger.internal.ChainAppender;
import dev.touchpoint.ledger.internal.EntryDraft;
import dev.touchpoint.ledger.internal.KeyRing;
import dev.touchpoint.ledger.internal.LedgerStore;
import dev.touchpoint.ledger.internal.LedgerWriter;
import dev.touchpoint.ledger.internal.PersonalDataCipher;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the ledger's write path as a touchpoint worker uses it: each "event" is one SENT touchpoint (a DECISION and
 * a DELIVERY_ATTEMPT in one submission, the decision with a sealed personal field), and the calling thread blocks
 * until its entries are committed. Figures go to docs/benchmarks.md ("Evidence ledger"). Not a test; run by hand:
 *
 * <pre>
 * java -cp &lt;failsafe classpath&gt; dev.touchpoint.ledger.LedgerThroughputProbe [seconds per run, default 10]
 * </pre>
 */
public final class LedgerThroughputProbe {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.println("database | writer | threads | events/s | entries/s | entries/commit | ack p50 | ack p99");
        for (LedgerDatabases.Kind kind : LedgerDatabases.Kind.values()) {
            LedgerDatabases.Database db = LedgerDatabases.create(kind);
            if (kind == LedgerDatabases.Kind.H2) {
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("SET WRITE_DELAY 0"); // as the application does (H2Durability)
                }
            }
            KeyRing keys = new KeyRing(PersonalDataCipher.newKey());
            for (int threads : new int[]{1, 8, 32}) {
                run(db, keys, "one commit per event", 1, threads, seconds);
                run(db, keys, "group commit", 256, threads, seconds);
            }
        }
        System.exit(0);
    }

    private static void run(LedgerDatabases.Database db, KeyRing keys, String label, int maxBatch, int threads, int seconds)
            throws Exception {
        LedgerStore store = new LedgerStore(db.dataSource());
        try (LedgerWriter writer = new LedgerWriter(new ChainAppender(store, keys, Clock.systemUTC()),
                new LedgerWriter.Settings(maxBatch, Duration.ZERO, 10_000, Duration.ofSeconds(60)), null)) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong events = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            long committedBefore = writer.committedBatches();
            for (int t = 0; t < threads; t++) {
                long[] samples = new long[2_000_000];
                latencies.add(samples);
                int thread = t;
                Thread worker = new Thread(() -> {
                    int n = 0;
                    while (running.get()) {
                        String customer = "bench-" + thread + "-" + (n % 500);
                        String key = "bench-" + label.hashCode() + "-" + thread + "-" + n;
                        long start = System.nanoTime();
                        writer.appendAndWait(List.of(
                                EntryDraft.builder(EntryKind.DECISION, Instant.now()).customer(customer).journey("welcome", 3, 1L + n)
                                        .element("send-email").channel("EMAIL").template("welcome", "1.0.0").decision("SEND")
                                        .consentSnapshot("{\"customer\":\"known\",\"consents\":[{\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"GRANTED\"}]}")
                                        .idempotencyKey(key).personal("consentProof.EMAIL.MARKETING", "signup-" + n).build(),
                                EntryDraft.builder(EntryKind.DELIVERY_ATTEMPT, Instant.now()).customer(customer).journey("welcome", 3, 1L + n)
                                        .element("send-email").channel("EMAIL").template("welcome", "1.0.0").contentSha256("ab".repeat(32))
                                        .outcome("SENT").providerMessageId("<" + key + "@mail>").idempotencyKey(key).build()));
                        if (n < samples.length) {
                            samples[n] = System.nanoTime() - start;
                        }
                        n++;
                        events.incrementAndGet();
                    }
                });
                worker.start();
                workers.add(worker);
            }
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
            long commits = writer.committedBatches() - committedBefore;
            long total = events.get();
            long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s | %s | %d | %,.0f | %,.0f | %.1f | %.2f ms | %.2f ms%n", db.kind(), label, threads,
                    total / (double) seconds, 2.0 * total / seconds, 2.0 * total / Math.max(1, commits),
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        }
    }
}
