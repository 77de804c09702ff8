package dev.touchpoint.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Touchpoint's scale-out topology on one machine, loopback only: {@code brokers} Zeebe brokers (the 8.5.8
 * distribution, {@link LocalZeebeBroker}) forming one cluster with {@code partitions} partitions and replication
 * {@code replication}, PostgreSQL ({@link LocalPostgres}), and {@code instances} Touchpoint instances in the
 * {@code cluster} profile forming one Hazelcast cluster over that database. Used by {@code ./touchpoint cluster up}
 * (through {@link ClusterCli}) and by the cluster tests.
 *
 * <p>Everything lives under one work directory: {@code ports.properties} (chosen once, reused by later starts),
 * {@code state.properties} (process ids while running), {@code secrets/} (0700, {@link ClusterSecrets}),
 * {@code broker-<i>-data/}, {@code postgres-data/}, {@code touchpoint-<i>/}, and one log per process.
 */
public final class LocalCluster implements AutoCloseable {

    /** What to start and from where. */
    public record Options(Path directory, Path home, Path distribution, List<String> applicationLauncher, int brokers,
                          int partitions, int replication, int instances, String smtpHost, int smtpPort,
                          IntFunction<List<String>> extraSettings, String instanceHeap) {

        public Options {
            if (brokers < 1 || instances < 1 || partitions < 1 || replication < 1 || replication > brokers) {
                throw new IllegalArgumentException("brokers, instances, partitions >= 1 and 1 <= replication <= brokers");
            }
            applicationLauncher = List.copyOf(applicationLauncher);
            extraSettings = extraSettings == null ? i -> List.of() : extraSettings;
            instanceHeap = instanceHeap == null ? "640m" : instanceHeap;
        }

        /** The recipe of issue 17: 3 brokers, 3 partitions, replication 3, 2 Touchpoint instances. */
        public static Options recipe(Path directory, Path home, Path distribution, List<String> applicationLauncher,
                                     String smtpHost, int smtpPort) {
            return new Options(directory, home, distribution, applicationLauncher, 3, 3, 3, 2, smtpHost, smtpPort, null, null);
        }

        public Options withInstances(int count) {
            return new Options(directory, home, distribution, applicationLauncher, brokers, partitions, replication, count,
                    smtpHost, smtpPort, extraSettings, instanceHeap);
        }

        public Options withExtraSettings(IntFunction<List<String>> settings) {
            return new Options(directory, home, distribution, applicationLauncher, brokers, partitions, replication, instances,
                    smtpHost, smtpPort, settings, instanceHeap);
        }
    }

    /** JVM flags Hazelcast wants for its fastest paths (as the launcher's run command passes them). */
    static final List<String> HAZELCAST_OPENS = List.of("--add-modules", "java.se", "--add-exports",
            "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private final Options options;
    private final Path directory;
    private final Properties ports;
    private final ClusterSecrets secrets;
    private final List<LocalZeebeBroker> brokers;
    private final LocalPostgres postgres;
    private final List<LocalTouchpoint> touchpoints = new ArrayList<>();
    private final Properties state = new Properties();

    public LocalCluster(Options options) {
        this.options = options;
        this.directory = options.directory().toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ports = ports(directory, options);
        this.secrets = ClusterSecrets.load(directory.resolve("secrets"), System::getenv);
        List<int[]> brokerPorts = new ArrayList<>();
        for (int i = 0; i < options.brokers(); i++) {
            brokerPorts.add(new int[]{port("broker." + i + ".gateway"), port("broker." + i + ".command"),
                    port("broker." + i + ".internal"), port("broker." + i + ".management"), port("broker." + i + ".rest")});
        }
        this.brokers = LocalZeebeBroker.cluster(options.distribution(), directory, options.partitions(), options.replication(),
                brokerPorts);
        this.postgres = new LocalPostgres(directory, port("postgres"));
        for (int i = 0; i < options.instances(); i++) {
            touchpoints.add(touchpoint(i));
        }
    }

    /** Ports chosen at the first start and kept in {@code ports.properties}, so a restart finds the same addresses. */
    private static Properties ports(Path directory, Options options) {
        Path file = directory.resolve("ports.properties");
        Properties p = new Properties();
        try {
            if (Files.exists(file)) {
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
            }
            boolean changed = false;
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < options.brokers(); i++) {
                for (String k : List.of("gateway", "command", "internal", "management", "rest")) {
                    keys.add("broker." + i + "." + k);
                }
            }
            keys.add("postgres");
            if (options.smtpPort() == 0) {
                keys.add("smtp");
            }
            for (int i = 0; i < options.instances(); i++) {
                keys.add("touchpoint." + i + ".http");
                keys.add("touchpoint." + i + ".hazelcast");
            }
            for (String key : keys) {
                if (p.getProperty(key) == null) {
                    p.setProperty(key, Integer.toString(LocalZeebeBroker.freePort()));
                    changed = true;
                }
            }
            if (p.getProperty("hazelcast.cluster-name") == null) {
                p.setProperty("hazelcast.cluster-name", "touchpoint-local-" + UUID.randomUUID().toString().substring(0, 8));
                changed = true;
            }
            if (changed) {
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    p.store(out, "Ports of the local cluster (all on 127.0.0.1), chosen at its first start");
                }
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int port(String key) {
        return Integer.parseInt(ports.getProperty(key));
    }

    /** The SMTP relay the instances send to: the given one, or the port kept for the supervisor's stand-in. */
    public int smtpPort() {
        return options.smtpPort() != 0 ? options.smtpPort() : port("smtp");
    }

    /** Split-brain protection: the decision map needs a majority of the instances (2 of 2, 2 of 3). */
    public int splitBrainMinimum() {
        return options.instances() / 2 + 1;
    }

    private LocalTouchpoint touchpoint(int i) {
        Path own = directory.resolve("touchpoint-" + i);
        List<String> members = new ArrayList<>();
        for (int m = 0; m < options.instances(); m++) {
            members.add("127.0.0.1:" + port("touchpoint." + m + ".hazelcast"));
        }
        LocalZeebeBroker gateway = brokers.get(i % brokers.size());
        int http = port("touchpoint." + i + ".http");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + options.instanceHeap());
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(HAZELCAST_OPENS);
        command.addAll(options.applicationLauncher());
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : List.of(
                "spring.profiles.active=cluster",
                "server.address=127.0.0.1",
                "server.port=" + http,
                "touchpoint.home=" + options.home().toAbsolutePath(),
                "spring.config.additional-location=optional:file:" + options.home().toAbsolutePath() + "/config/",
                // the local cluster uses the basic users (passwords from the environment) instead of an OIDC provider
                "touchpoint.security.mode=basic",
                "touchpoint.security.credentials-file=" + own.resolve("credentials"),
                "touchpoint.delivery.signing-secret-file=" + own.resolve("signing-secret"),
                "touchpoint.journeys.interrupted-file=" + own.resolve("interrupted-journeys.json"),
                "touchpoint.context.suppression.secret-file=" + own.resolve("suppression-secret"),
                "touchpoint.context.hazelcast.cluster-name=" + ports.getProperty("hazelcast.cluster-name"),
                "touchpoint.context.hazelcast.port=" + port("touchpoint." + i + ".hazelcast"),
                "touchpoint.context.hazelcast.members=" + String.join(",", members),
                "touchpoint.context.hazelcast.split-brain-minimum-size=" + splitBrainMinimum(),
                "touchpoint.channels.email.smtp.host=" + options.smtpHost(),
                "touchpoint.channels.email.smtp.port=" + smtpPort(),
                "touchpoint.channels.email.smtp.tls-mode=none",
                // no Twilio or Firebase account on a developer machine: SMS and push are off in the local cluster
                "touchpoint.channels.sms.enabled=false",
                "touchpoint.channels.push.enabled=false",
                // no service desk either: agent tasks stay in each instance's sandbox desk
                "touchpoint.service-desk.sandbox-in-cluster=true",
                "touchpoint.ingress.tracking.public-base-url=http://127.0.0.1:" + http,
                "touchpoint.ledger.retention.schedule=-",
                // the first deployment to a fresh 3-partition cluster on a loaded 2-core machine can take longer than
                // the client's default 10 s, which fails the start
                "camunda.client.request-timeout=PT60S")) {
            settings.put(s.substring(0, s.indexOf('=')), s);
        }
        for (String s : options.extraSettings().apply(i)) {
            settings.put(s.substring(0, s.indexOf('=')), s);
        }
        settings.values().forEach(s -> command.add("--" + s));
        Map<String, String> environment = new LinkedHashMap<>(secrets.environment());
        environment.put("TOUCHPOINT_DB_URL", postgres.jdbcUrl());
        environment.put("TOUCHPOINT_DB_USER", LocalPostgres.USER);
        environment.put("ZEEBE_GRPC_ADDRESS", gateway.gatewayAddress());
        environment.put("ZEEBE_REST_ADDRESS", gateway.restAddress());
        environment.put("CAMUNDA_AUTH_METHOD", "none");
        environment.put("TOUCHPOINT_KAFKA_ENABLED", "false");
        return new LocalTouchpoint("touchpoint-" + i, options.home(), directory.resolve("touchpoint-" + i + ".log"),
                command, environment, http, port("touchpoint." + i + ".hazelcast"));
    }

    /** Starts everything in order (database, brokers, then the instances one by one), each bounded by {@code timeout}. */
    public LocalCluster start(Duration timeout) {
        startInfrastructure(timeout);
        for (LocalTouchpoint t : touchpoints) {
            startTouchpoint(t, timeout);
        }
        return this;
    }

    /** PostgreSQL and the brokers, until every partition has a leader. */
    public LocalCluster startInfrastructure(Duration timeout) {
        postgres.start(secrets.get("TOUCHPOINT_DB_PASSWORD"));
        record("postgres", postgres.pid());
        for (LocalZeebeBroker b : brokers) {
            b.start();
            record(b.name(), b.pid());
        }
        for (LocalZeebeBroker b : brokers) {
            b.awaitReady(timeout);
        }
        awaitLeaders(timeout);
        return this;
    }

    /** Starts one Touchpoint instance and waits for its readiness probe. */
    public LocalTouchpoint startTouchpoint(LocalTouchpoint t, Duration timeout) {
        t.start();
        record(t.name(), t.pid());
        return t.awaitReady(timeout);
    }

    /** Waits until every partition has a leader among the running brokers, or fails with their log tails. */
    public void awaitLeaders(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<Integer, String> leaders = Map.of();
        while (Instant.now().isBefore(deadline)) {
            leaders = leaders(http);
            if (leaders.size() == options.partitions()) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("partitions with a leader after " + timeout + ": " + leaders + " of "
                + options.partitions() + "\n" + brokerLogTails(40));
    }

    /** Partition id to the broker that leads it, from each running broker's {@code /actuator/partitions}. */
    public Map<Integer, String> leaders(HttpClient http) {
        Map<Integer, String> leaders = new java.util.TreeMap<>();
        Pattern partition = Pattern.compile("\"(\\d+)\"\\s*:\\s*\\{[^{}]*?\"role\"\\s*:\\s*\"LEADER\"");
        for (LocalZeebeBroker b : brokers) {
            if (!b.isRunning()) {
                continue;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + b.managementPort() + "/actuator/partitions")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    Matcher m = partition.matcher(response.body());
                    while (m.find()) {
                        leaders.put(Integer.parseInt(m.group(1)), b.name());
                    }
                }
            } catch (IOException e) {
                // not answering: no leader there
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return leaders;
            }
        }
        return leaders;
    }

    /** The last lines of every broker's log (for failure messages). */
    public String brokerLogTails(int lines) {
        StringBuilder out = new StringBuilder();
        brokers.forEach(b -> out.append(b.logTail(lines)).append('\n'));
        return out.toString();
    }

    /** The last lines of every process log. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder(brokerLogTails(lines));
        touchpoints.forEach(t -> out.append(t.logTail(lines)).append('\n'));
        out.append(LogTail.of(postgres.logFile(), lines)).append('\n');
        return out.toString();
    }

    /** Records a process id in {@code state.properties} (for {@code status} and {@code down}). */
    public synchronized void record(String name, long pid) {
        state.setProperty(name + ".pid", Long.toString(pid));
        writeState();
    }

    /** Marks the cluster in {@code state.properties} (READY, FAILED: ..., STOPPING). */
    public synchronized void status(String status) {
        state.setProperty("status", status);
        writeState();
    }

    private void writeState() {
        Path file = directory.resolve("state.properties");
        Path temporary = directory.resolve("state.properties.new");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            state.store(out, "Processes of the local cluster (ClusterCli status | down read this)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<LocalZeebeBroker> brokers() {
        return brokers;
    }

    public List<LocalTouchpoint> touchpoints() {
        return touchpoints;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public ClusterSecrets secrets() {
        return secrets;
    }

    public Options options() {
        return options;
    }

    public Path directory() {
        return directory;
    }

    /** Stops everything: instances first (gracefully), then brokers, then the database. Nothing is left running. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (LocalTouchpoint t : touchpoints) {
            run(t::close, failures);
        }
        for (LocalZeebeBroker b : brokers) {
            run(b::close, failures);
        }
        run(postgres::close, failures);
        state.clear();
        state.setProperty("status", "STOPPED");
        run(this::writeState, failures);
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }

    private static void run(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
