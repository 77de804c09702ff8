package dev.touchpoint.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real Zeebe broker (the {@code camunda-zeebe} 8.5.8 distribution, Zeebe Community License 1.1) as a local
 * process on loopback, with its own ports and data directory, for tests that must see what a real broker does: jobs
 * that time out and are activated again, a client process that is killed and comes back. Reusable for a cluster:
 * {@link #cluster} starts several members that know each other.
 *
 * <p>The distribution comes from Maven Central as a build artifact ({@code io.camunda:camunda-zeebe:8.5.8:tar.gz},
 * cached in {@code ~/.m2}); the {@code broker} and {@code cluster} profiles of the workers module unpack it and pass its
 * folder as the system property {@value #HOME_PROPERTY}; {@code ./touchpoint cluster up} unpacks it under
 * {@code .touchpoint/cluster/}. The broker runs on the JDK of this JVM ({@code java.home}). Every port is on 127.0.0.1.
 */
public final class LocalZeebeBroker implements AutoCloseable {

    /** System property naming the unpacked distribution (the folder with {@code bin/broker}). */
    public static final String HOME_PROPERTY = "touchpoint.zeebe.home";

    private final Path home;
    private final Path dataDirectory;
    private final Path logFile;
    private final Map<String, String> environment;
    private final int gatewayPort;
    private final int managementPort;
    private final int restPort;
    private final String name;
    private Process process;

    private LocalZeebeBroker(Path home, Path workDirectory, String name, Map<String, String> environment, int gatewayPort,
                             int managementPort, int restPort) {
        this.home = home;
        this.name = name;
        this.dataDirectory = workDirectory.resolve(name + "-data");
        this.logFile = workDirectory.resolve(name + ".log");
        this.environment = environment;
        this.gatewayPort = gatewayPort;
        this.managementPort = managementPort;
        this.restPort = restPort;
    }

    /** The unpacked distribution named by {@value #HOME_PROPERTY}, or a clear error saying how to get it. */
    public static Path distribution() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured == null || configured.isBlank() || !Files.isExecutable(Path.of(configured, "bin", "broker"))) {
            throw new IllegalStateException("No Zeebe broker distribution: system property " + HOME_PROPERTY + " is '"
                    + configured + "' (expected the unpacked camunda-zeebe-8.5.8 folder with bin/broker). Run the test"
                    + " through the broker profile, e.g. ./touchpoint bench reliability, which fetches"
                    + " io.camunda:camunda-zeebe:8.5.8:tar.gz from Maven Central and unpacks it");
        }
        return Path.of(configured);
    }

    /** A single broker with an embedded gateway, one partition. */
    public static LocalZeebeBroker single(Path workDirectory) {
        return cluster(workDirectory, 1, 1, 1).getFirst();
    }

    /**
     * {@code size} brokers forming one cluster on loopback (node ids 0..size-1), each with an embedded gateway.
     * Not started: start each ({@link #start}), then {@link #awaitReady} on all.
     */
    public static List<LocalZeebeBroker> cluster(Path workDirectory, int size, int partitions, int replicationFactor) {
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(new int[]{freePort(), freePort(), freePort(), freePort(), freePort()});
        }
        return cluster(distribution(), workDirectory, partitions, replicationFactor, ports);
    }

    /**
     * The same with the distribution and the ports given: per member {gateway, command API, internal API, management,
     * web server}, all on 127.0.0.1.
     */
    public static List<LocalZeebeBroker> cluster(Path home, Path workDirectory, int partitions, int replicationFactor,
                                                 List<int[]> ports) {
        int size = ports.size();
        List<String> contacts = new ArrayList<>();
        for (int[] p : ports) {
            contacts.add("127.0.0.1:" + p[2]);
        }
        List<LocalZeebeBroker> brokers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int[] p = ports.get(i);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ZEEBE_BROKER_GATEWAY_ENABLE", "true");
            env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
            env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
            env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", Integer.toString(p[0]));
            env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", Integer.toString(p[1]));
            env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", Integer.toString(p[2]));
            // the management server (health, actuator) and the web server must be on different ports
            env.put("MANAGEMENT_SERVER_PORT", Integer.toString(p[3]));
            env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
            env.put("SERVER_PORT", Integer.toString(p[4]));
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.put("ZEEBE_BROKER_CLUSTER_NODEID", Integer.toString(i));
            env.put("ZEEBE_BROKER_CLUSTER_CLUSTERSIZE", Integer.toString(size));
            env.put("ZEEBE_BROKER_CLUSTER_PARTITIONSCOUNT", Integer.toString(partitions));
            env.put("ZEEBE_BROKER_CLUSTER_REPLICATIONFACTOR", Integer.toString(replicationFactor));
            env.put("ZEEBE_BROKER_CLUSTER_INITIALCONTACTPOINTS", String.join(",", contacts));
            env.put("ZEEBE_BROKER_THREADS_CPUTHREADCOUNT", "1");
            env.put("ZEEBE_BROKER_THREADS_IOTHREADCOUNT", "1");
            env.put("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");
            env.put("JAVA_HOME", System.getProperty("java.home"));
            brokers.add(new LocalZeebeBroker(home, workDirectory, "broker-" + i, env, p[0], p[3], p[4]));
        }
        return brokers;
    }

    /** Starts the broker process (its output goes to {@code <work>/<name>.log}). */
    public synchronized LocalZeebeBroker start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dataDirectory);
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("broker").toString())
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("ZEEBE_BROKER_DATA_DIRECTORY", dataDirectory.toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " from " + home, e);
        }
        return this;
    }

    /** Waits until the broker reports ready (its partitions have a leader), or fails naming its log. */
    public LocalZeebeBroker awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + (process == null ? "not started" : process.exitValue())
                        + "); see " + logFile);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + logFile);
    }

    /** The gateway's gRPC address for {@code camunda.client.grpc-address}. */
    public String gatewayAddress() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The gateway's REST address (the broker's web server) for {@code camunda.client.rest-address}. */
    public String restAddress() {
        return "http://127.0.0.1:" + restPort;
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /** The port of {@code /actuator/health} (readiness, liveness) and {@code /actuator/partitions}. */
    public int managementPort() {
        return managementPort;
    }

    public String name() {
        return name;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    /** The broker's process id (the distribution's script execs the JVM), or -1 when it was not started. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The last {@code lines} lines of the broker's log, for a test's failure message. */
    public String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the broker process and its children at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s). Its data directory stays. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /** A free TCP port on 127.0.0.1 (free now: a port another process takes before it is bound fails that start). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
