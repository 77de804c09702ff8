package dev.touchpoint.bench.memory;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.LocalMapStats;
import dev.touchpoint.bench.support.BenchApplication;
import dev.touchpoint.bench.support.BenchArgs;
import dev.touchpoint.bench.support.BenchCustomers;
import dev.touchpoint.bench.support.BenchReport;
import dev.touchpoint.bench.support.InstanceCounter;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.internal.ContextMaps;
import dev.touchpoint.engine.EmbeddedZeebeEngine;
import io.camunda.client.CamundaClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code BenchMain memory}: bytes of heap per customer in the context and per journey instance waiting in the engine,
 * in the real application ({@link BenchApplication}, embedded engine, job workers on, email and push to the in-app
 * sandboxes). Three snapshots, each the live heap right after full collections ({@code System.gc()}, then the sum of
 * every heap pool's usage after that collection):
 * <ol>
 *   <li>after the start, nothing loaded;</li>
 *   <li>after {@code --customers} customers (profile + email and push marketing consent, {@link BenchCustomers});</li>
 *   <li>after {@code --journeys} {@code welcome} journeys started for the first customers, each past its welcome email
 *       and waiting at the event-based gateway for {@code app.installed} (or its 2-day timer).</li>
 * </ol>
 * Also per snapshot: the process's resident set (heap, RocksDB, code, threads), the size of the embedded engine's
 * RocksDB state folder, and what Hazelcast reports for the context maps.
 */
public final class MemoryBenchmark {

    static final String USAGE = """
            memory options (all optional):
              --customers=100000   customers loaded into the context (profile + two consents each)
              --journeys=20000     welcome journeys started for the first customers, left waiting at their gateway
              --timeout=30m        give up waiting for the journeys to reach their gateway after this
              --histogram          also print the classes whose live instances grew most per waiting journey (two
                                   class histograms of the heap, after the customers and after the journeys)
              --repository=PATH    Touchpoint checkout (default: found upwards from the working directory)
              --out=PATH           results folder (default <repository>/benchmarks/target/bench-results)
            Any --touchpoint.*, --camunda.*, --spring.* or --logging.* argument goes to the application.
            Give the JVM room (e.g. -Xmx8g): the figures are the live heap, not the heap limit.
            """;

    record Options(int customers, int journeys, Duration timeout, boolean histogram, Path repository, Path out) {
        static Options parse(String[] args) {
            Map<String, String> values = BenchArgs.parse(args, List.of("histogram"), USAGE);
            int customers = 100_000;
            int journeys = 20_000;
            Duration timeout = Duration.ofMinutes(30);
            boolean histogram = false;
            String repository = null;
            String out = null;
            for (Map.Entry<String, String> option : values.entrySet()) {
                String value = option.getValue();
                switch (option.getKey()) {
                    case "customers" -> customers = BenchArgs.atLeast("customers", value, 1);
                    case "journeys" -> journeys = BenchArgs.atLeast("journeys", value, 1);
                    case "timeout" -> timeout = BenchArgs.duration(value);
                    case "histogram" -> histogram = true;
                    case "repository" -> repository = value;
                    case "out" -> out = value;
                    default -> throw new IllegalArgumentException("unknown option --" + option.getKey() + "\n" + USAGE);
                }
            }
            if (journeys > customers) {
                throw new IllegalArgumentException("--journeys must not exceed --customers (one journey per customer)");
            }
            Path repo = BenchArgs.repository(repository);
            return new Options(customers, journeys, timeout, histogram, repo, BenchArgs.out(out, repo));
        }
    }

    /** One snapshot: live heap after full collections, resident set, engine state folder, Hazelcast's own figures. */
    record Snapshot(long liveHeap, long residentSet, long engineStateBytes, long profileEntryCost, long nearCacheCost) {
        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("liveHeapBytes", liveHeap);
            figures.put("residentSetBytes", residentSet);
            figures.put("engineStateFolderBytes", engineStateBytes);
            figures.put("profileMapOwnedEntryCostBytes", profileEntryCost);
            figures.put("profileNearCacheCostBytes", nearCacheCost);
            return figures;
        }
    }

    private final Options options;
    private final List<String> appOverrides;

    private MemoryBenchmark(Options options, List<String> appOverrides) {
        this.options = options;
        this.appOverrides = appOverrides;
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.main(args, USAGE, Options::parse, (options, overrides) -> new MemoryBenchmark(options, overrides).run());
    }

    private void run() throws Exception {
        ZonedDateTime at = ZonedDateTime.now();
        Path data = BenchApplication.dataFolder(options.out());
        List<String> settings = new ArrayList<>(BenchApplication.isolatedSettings(options.repository(), data, null));
        settings.addAll(List.of(
                // the sandboxes keep the newest messages in memory: one, so they do not count as journey state
                "touchpoint.channels.email.sandbox.enabled=true",
                "touchpoint.channels.email.sandbox.port=0",
                "touchpoint.channels.email.sandbox.max-messages=1",
                "touchpoint.channels.push.sandbox.enabled=true",
                "touchpoint.channels.push.sandbox.max-messages=1"));
        try (BenchApplication app = BenchApplication.start(settings, appOverrides)) {
            HazelcastInstance hazelcast = app.context().getBeansOfType(HazelcastInstance.class).values().iterator().next();
            Optional<Path> stateFolder = app.engine() instanceof EmbeddedZeebeEngine embedded ? embedded.stateDirectory() : Optional.empty();
            try (InstanceCounter counter = new InstanceCounter(app.engine())) {
                Snapshot empty = snapshot(hazelcast, stateFolder);
                log("started", empty);

                Map<String, Object> loading = BenchCustomers.load(app.bean(CustomerContextStore.class), options.customers());
                Snapshot customers = snapshot(hazelcast, stateFolder);
                log("customers loaded", customers);
                Map<String, long[]> before = options.histogram() ? classHistogram() : Map.of();

                double journeySeconds = startJourneys(app.client(), counter);
                Snapshot waiting = snapshot(hazelcast, stateFolder);
                log("journeys waiting", waiting);
                if (options.histogram()) {
                    printGrowth(before, classHistogram(), options.journeys());
                }
                long completed = counter.completed("welcome");

                report(at, loading, journeySeconds, completed, empty, customers, waiting);
            }
        }
    }

    /** Starts one welcome journey per customer bench-0 ... and waits until each has activated its event-based gateway. */
    private double startJourneys(CamundaClient client, InstanceCounter counter) throws Exception {
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(64);
        AtomicLong failures = new AtomicLong();
        for (int i = 0; i < options.journeys(); i++) {
            inFlight.acquire();
            String id = BenchCustomers.id(i);
            client.newPublishMessageCommand().messageName("customer.signed-up").correlationKey(id)
                    .variables(Map.of("customerId", id, "offerCode", "WELCOME15", "offerPercent", 15,
                            "offerExpires", LocalDate.now().plusDays(30).toString()))
                    .timeToLive(Duration.ZERO).send()
                    .whenComplete((ok, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(64);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " start messages were refused");
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long waiting;
        while ((waiting = counter.waitingAtGateways("welcome")) < options.journeys()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + waiting + " of " + options.journeys()
                        + " journeys reached their gateway within " + options.timeout());
            }
            TimeUnit.SECONDS.sleep(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        BenchReport.log(String.format(Locale.ROOT, "%d journeys waiting at their gateway after %.1f s", waiting, seconds));
        // the workers complete the email job before the gateway activates; give the ledger writer and the engine's
        // readers a moment to drain their queues so that in-flight work is not counted as state
        TimeUnit.SECONDS.sleep(10);
        return seconds;
    }

    private static Snapshot snapshot(HazelcastInstance hazelcast, Optional<Path> stateFolder) throws Exception {
        long live = liveHeapAfterFullGc();
        LocalMapStats profiles = hazelcast.getMap(ContextMaps.PROFILES).getLocalMapStats();
        long nearCache = profiles.getNearCacheStats() == null ? 0 : profiles.getNearCacheStats().getOwnedEntryMemoryCost();
        return new Snapshot(live, residentSet(), stateFolder.map(MemoryBenchmark::folderSize).orElse(-1L),
                profiles.getOwnedEntryMemoryCost(), nearCache);
    }

    /**
     * The live heap: three {@code System.gc()} (full collections unless the JVM runs with
     * {@code -XX:+ExplicitGCInvokesConcurrent} or {@code -XX:+DisableExplicitGC}) a moment apart, then the sum over the
     * heap pools of their usage right after the last collection (so allocation since does not count).
     */
    static long liveHeapAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(500);
        }
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** The live heap per class (instances, bytes), from the JVM's class histogram (which runs a full collection). */
    static Map<String, long[]> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        Map<String, long[]> classes = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            // "  1:   123   4567   java.lang.String (java.base@25)"
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                try {
                    classes.put(columns[3], new long[]{Long.parseLong(columns[1]), Long.parseLong(columns[2])});
                } catch (NumberFormatException e) {
                    // the header or the total line
                }
            }
        }
        return classes;
    }

    /** Prints the 25 classes whose live bytes grew most between two histograms, per unit. */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int units) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "classes that grew most per waiting journey (instances, bytes per journey):%n"));
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[]{e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(25)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %8.2f %,10d B  %s%n", e.getValue()[0] / (double) units,
                        e.getValue()[1] / units, e.getKey())));
        BenchReport.log(out.toString());
    }

    /** VmRSS of this process (Linux), or -1. */
    static long residentSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static long folderSize(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // RocksDB removed it meanwhile (compaction)
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void log(String what, Snapshot snapshot) {
        BenchReport.log(String.format(Locale.ROOT, "%s: live heap %,d MB, RSS %,d MB, engine state folder %,d MB", what,
                snapshot.liveHeap() >> 20, snapshot.residentSet() >> 20, snapshot.engineStateBytes() >> 20));
    }

    private void report(ZonedDateTime at, Map<String, Object> loading, double journeySeconds, long completed,
                        Snapshot empty, Snapshot customers, Snapshot waiting) throws IOException {
        int n = options.customers();
        int j = options.journeys();
        Map<String, Object> perCustomer = perUnit(empty, customers, n);
        Map<String, Object> perJourney = perUnit(customers, waiting, j);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("machine", BenchReport.machine());
        document.put("customers", n);
        document.put("journeys", j);
        document.put("journeysCompletedMeanwhile", completed);
        document.put("loading", loading);
        document.put("journeyStartSeconds", BenchReport.round(journeySeconds));
        document.put("snapshots", Map.of("started", empty.figures(), "customersLoaded", customers.figures(),
                "journeysWaiting", waiting.figures()));
        document.put("perCustomer", perCustomer);
        document.put("perWaitingJourney", perJourney);
        StringBuilder md = new StringBuilder();
        md.append(BenchReport.machineLine("Memory benchmark", at, BenchReport.machine())).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d customers, %,d welcome journeys waiting at their gateway (%d completed"
                + " meanwhile; started in %.0f s)%n%n", n, j, completed, journeySeconds));
        md.append("| snapshot | live heap | resident set | engine state folder | profile map entries (Hazelcast) | profile near cache |\n");
        md.append("|---|---|---|---|---|---|\n");
        row(md, "started", empty);
        row(md, "customers loaded", customers);
        row(md, "journeys waiting", waiting);
        md.append(String.format(Locale.ROOT, "%n| per | heap | resident set | engine state folder |%n|---|---|---|---|%n"
                        + "| customer | %,d B | %,d B | |%n| waiting journey | %,d B | %,d B | %,d B |%n",
                perCustomer.get("heapBytes"), perCustomer.get("residentSetBytes"), perJourney.get("heapBytes"),
                perJourney.get("residentSetBytes"), perJourney.get("engineStateFolderBytes")));
        BenchReport.write(options.out(), "memory", at, document, md.toString());
    }

    private static void row(StringBuilder md, String name, Snapshot s) {
        md.append(String.format(Locale.ROOT, "| %s | %,d MB | %,d MB | %,.1f MB | %,.1f MB | %,.1f MB |%n", name,
                s.liveHeap() >> 20, s.residentSet() >> 20, s.engineStateBytes() / 1048576.0,
                s.profileEntryCost() / 1048576.0, s.nearCacheCost() / 1048576.0));
    }

    private static Map<String, Object> perUnit(Snapshot before, Snapshot after, int units) {
        Map<String, Object> per = new LinkedHashMap<>();
        per.put("heapBytes", (after.liveHeap() - before.liveHeap()) / units);
        per.put("residentSetBytes", (after.residentSet() - before.residentSet()) / units);
        per.put("engineStateFolderBytes", (after.engineStateBytes() - before.engineStateBytes()) / units);
        per.put("profileMapEntryCostBytes", (after.profileEntryCost() - before.profileEntryCost()) / units);
        per.put("profileNearCacheCostBytes", (after.nearCacheCost() - before.nearCacheCost()) / units);
        return per;
    }
}
