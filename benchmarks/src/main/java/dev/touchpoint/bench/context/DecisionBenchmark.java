package dev.touchpoint.bench.context;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.internal.ContextMapStore;
import dev.touchpoint.context.internal.HazelcastContextConfig;
import dev.touchpoint.context.internal.HazelcastCustomerContextStore;
import dev.touchpoint.context.internal.HazelcastSettings;
import dev.touchpoint.context.internal.JdbcCustomerRepository;
import dev.touchpoint.context.internal.SuppressionList;
import dev.touchpoint.context.ConsentTimestamps;
import dev.touchpoint.context.internal.ProfileMapStore;
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
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Decisions per second of the customer context, on one member and on two members in this JVM (loopback), with the
 * MapStores on an in-memory H2 database, as in the embedded default. Each operation is one
 * {@code CustomerContextStore.decide}: a near-cached profile read and one entry processor on the owner of the
 * customer's partition (with its synchronous backup on the other member when there are two). Keys are unique, so
 * every call is a fresh decision; with 3 marketing touches a day most marketing calls end in BUDGET_EXHAUSTED after
 * the first few per customer, which is still the full path (it is recorded under its key).
 *
 * <p>Run: {@code ./touchpoint bench 'DecisionBenchmark'} (or {@code -Pbench -pl benchmarks exec:exec
 * -Dbench.args="DecisionBenchmark"}). {@link #throughput} gives decisions/s; {@link #latency} the percentiles.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g", "-Dhazelcast.logging.type=none"})
@Threads(4)
public class DecisionBenchmark {

    @Param({"1", "2"})
    public int members;

    @Param({"20000"})
    public int customers;

    /**
     * {@code touchpoint.context.hazelcast.context-store-inline}: false (the default) offloads the decision map's
     * MapStore calls (Hazelcast's default since 5.2, every operation on the map goes through its offload steps),
     * true runs them on the partition thread.
     */
    @Param({"false", "true"})
    public boolean contextStoreInline;

    private final List<HazelcastInstance> instances = new ArrayList<>();
    private final List<HazelcastCustomerContextStore> stores = new ArrayList<>();
    private final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws IOException {
        String name = "bench-" + UUID.randomUUID();
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        // a weekday noon in London: outside quiet hours for every decision of the run
        Clock noon = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        JdbcCustomerRepository repository = new JdbcCustomerRepository(dataSource, noon, false);
        SuppressionList suppression = new SuppressionList(dataSource, "bench-suppression-secret-0123".getBytes(StandardCharsets.UTF_8), noon);
        Instant consentAt = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < customers; i++) {
            String id = "bench-" + i;
            repository.saveProfile(new CustomerProfile(id, "Given", "Family", Locale.UK, ZoneId.of("Europe/London"),
                    id + "@example.com", "+4477009" + String.format("%05d", i % 100000), List.of("fcm:" + id), "GOLD", "LON-1",
                    Map.of("segment", "s" + (i % 10)), null, consentAt));
            repository.replaceConsents(id, List.of(
                    new ConsentRecord(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.IMPORT, consentAt, "bench", null),
                    new ConsentRecord(Channel.PUSH, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.IMPORT, consentAt, "bench", null)));
        }
        List<String> addresses = IntStream.range(0, members).mapToObj(i -> "127.0.0.1:" + freePort()).toList();
        for (int i = 0; i < members; i++) {
            int port = Integer.parseInt(addresses.get(i).substring(10));
            HazelcastSettings settings = HazelcastSettings.loopbackMember(name, port, addresses, 1).withContextStoreInline(contextStoreInline);
            Config config = HazelcastContextConfig.memberConfig(settings);
            HazelcastContextConfig.applyMemberParts(config, settings, new ProfileMapStore(repository, true), new ContextMapStore(repository, true));
            instances.add(Hazelcast.newHazelcastInstance(config));
        }
        for (HazelcastInstance instance : instances) {
            stores.add(new HazelcastCustomerContextStore(instance, repository, DecisionPolicy.DEFAULT, noon, event -> {
            }, suppression, new ConsentTimestamps(noon, Duration.ofMinutes(5))));
        }
        // warm the near caches and load every consent entry before measuring
        HazelcastCustomerContextStore first = stores.getFirst();
        for (int i = 0; i < customers; i++) {
            first.findContext("bench-" + i);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        instances.forEach(HazelcastInstance::shutdown);
    }

    /** Per benchmark thread: the store of "its" member (threads spread over the members like app instances). */
    @State(Scope.Thread)
    public static class Caller {
        HazelcastCustomerContextStore store;
        String prefix;
        long sequence;

        @Setup(Level.Trial)
        public void pick(DecisionBenchmark benchmark) {
            int thread = benchmark.threads.getAndIncrement();
            store = benchmark.stores.get(thread % benchmark.stores.size());
            prefix = "t" + thread + "-" + UUID.randomUUID() + "-";
        }
    }

    /** Decisions per second, 4 threads spread over the members. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public TouchpointDecision throughput(Caller caller) {
        return decide(caller);
    }

    /** The latency distribution of one decision (p50, p99, p99.9), 4 threads spread over the members. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public TouchpointDecision latency(Caller caller) {
        return decide(caller);
    }

    private TouchpointDecision decide(Caller caller) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String customer = "bench-" + random.nextInt(customers);
        Channel channel = random.nextBoolean() ? Channel.EMAIL : Channel.PUSH;
        Purpose purpose = random.nextInt(10) < 7 ? Purpose.MARKETING : Purpose.TRANSACTIONAL;
        return caller.store.decide(new TouchpointRequest(customer, channel, purpose, Priority.NORMAL, "bench-journey",
                "bench-template", caller.prefix + caller.sequence++));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
