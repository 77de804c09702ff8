package dev.touchpoint.cluster;

import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./touchpoint cluster up|status|down}: the local cluster of {@link LocalCluster}, run by a supervisor process
 * in the background.
 *
 * <ul>
 *   <li>{@code supervise DIR HOME DISTRIBUTION APP_JAR [INSTANCES]}: starts an SMTP stand-in (the relay the instances
 *       send email to), PostgreSQL, the brokers and the instances, marks {@code state.properties} READY (or
 *       {@code FAILED: ...} and stops what it started), and keeps them until SIGTERM, when it stops everything;</li>
 *   <li>{@code await DIR}: waits (at most 10 minutes) until the supervisor reports READY or FAILED, then prints the
 *       status; exit 1 when it failed;</li>
 *   <li>{@code status DIR}: every process with its id, whether it answers, its address, data directory and log;</li>
 *   <li>{@code down DIR}: SIGTERM to the supervisor, then any process of the state file still alive is stopped by its
 *       id (SIGTERM, SIGKILL after a grace period); exit 1 when something could not be stopped.</li>
 * </ul>
 */
public final class ClusterCli {

    private final PrintStream out;

    ClusterCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/touchpoint/cluster/logback-cli.xml");
        }
        if (args.length < 2) {
            System.err.println("usage: ClusterCli supervise|await|status|down DIR [...]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        ClusterCli cli = new ClusterCli(System.out);
        int exit = switch (args[0]) {
            case "supervise" -> cli.supervise(dir, Path.of(args[2]), Path.of(args[3]), Path.of(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 2);
            case "await" -> cli.await(dir, Duration.ofMinutes(10));
            case "status" -> cli.status(dir);
            case "down" -> cli.down(dir);
            default -> {
                System.err.println("unknown command " + args[0]);
                yield 2;
            }
        };
        System.exit(exit);
    }

    int supervise(Path dir, Path home, Path distribution, Path appJar, int instances) throws InterruptedException {
        LocalCluster.Options options = LocalCluster.Options.recipe(dir, home, distribution,
                List.of("-jar", appJar.toAbsolutePath().toString()), "127.0.0.1", 0).withInstances(instances);
        LocalCluster cluster = new LocalCluster(options);
        cluster.record("supervisor", ProcessHandle.current().pid());
        cluster.status("STARTING");
        SandboxMailServer relay = new SandboxMailServer("127.0.0.1", cluster.smtpPort(), 10_000);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cluster.status("STOPPING");
            try {
                cluster.close();
            } finally {
                relay.close();
                stopped.countDown();
            }
        }, "local-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            relay.start();
            cluster.start(Duration.ofMinutes(5));
            cluster.status("READY");
            out.println("local cluster READY");
        } catch (RuntimeException e) {
            out.println("local cluster FAILED: " + e.getMessage());
            e.printStackTrace(out);
            cluster.status("FAILED: " + firstLine(e.getMessage()));
            return 1; // System.exit runs the hook, which stops what was started
        }
        stopped.await();
        return 0;
    }

    int await(Path dir, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Properties state = read(dir.resolve("state.properties"));
            String status = state.getProperty("status", "");
            long supervisor = pid(state, "supervisor");
            if (status.equals("READY")) {
                return status(dir);
            }
            if (status.startsWith("FAILED") || (supervisor > 0 && !Processes.alive(supervisor))) {
                out.println("the local cluster did not start: " + (status.isEmpty() ? "supervisor exited" : status));
                out.println(LogTail.of(dir.resolve("supervisor.log"), 40));
                return 1;
            }
            Thread.sleep(1000);
        }
        out.println("the local cluster is not ready after " + timeout + "; see ./touchpoint cluster status and "
                + dir.resolve("supervisor.log"));
        return 1;
    }

    int status(Path dir) {
        Properties state = read(dir.resolve("state.properties"));
        Properties ports = read(dir.resolve("ports.properties"));
        if (state.isEmpty() && ports.isEmpty()) {
            out.println("no local cluster in " + dir + " (./touchpoint cluster up starts one)");
            return 0;
        }
        long supervisor = pid(state, "supervisor");
        out.printf("local cluster in %s: %s (supervisor %s)%n", dir, state.getProperty("status", "STOPPED"),
                supervisor > 0 && Processes.alive(supervisor) ? "pid " + supervisor : "not running");
        out.printf("%-13s %-8s %-9s %-46s %s%n", "process", "pid", "state", "address (127.0.0.1)", "data / log");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int brokers = count(ports, "broker.", ".gateway");
        for (int i = 0; i < brokers; i++) {
            String name = "broker-" + i;
            String management = ports.getProperty("broker." + i + ".management");
            row(name, pid(state, name), probe(http, "http://127.0.0.1:" + management + "/actuator/health/readiness"),
                    "gRPC :" + ports.getProperty("broker." + i + ".gateway") + ", REST :" + ports.getProperty("broker." + i + ".rest")
                            + ", health :" + management,
                    dir.resolve(name + "-data") + "  " + dir.resolve(name + ".log"));
        }
        long pg = LocalPostgres.pid(dir.resolve("postgres-data"));
        String pgPort = ports.getProperty("postgres");
        row("postgres", pg, pg > 0 && Processes.alive(pg) && listening(pgPort) ? "up" : "down",
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + LocalPostgres.DATABASE + " (user " + LocalPostgres.USER + ")",
                dir.resolve("postgres-data") + "  " + dir.resolve("postgres.log"));
        if (ports.getProperty("smtp") != null) {
            row("smtp relay", supervisor, supervisor > 0 && listening(ports.getProperty("smtp")) ? "up" : "down",
                    "smtp :" + ports.getProperty("smtp") + " (stand-in in the supervisor; keeps nothing)",
                    dir.resolve("supervisor.log").toString());
        }
        int instances = count(ports, "touchpoint.", ".http");
        for (int i = 0; i < instances; i++) {
            String name = "touchpoint-" + i;
            String httpPort = ports.getProperty("touchpoint." + i + ".http");
            row(name, pid(state, name), probe(http, "http://127.0.0.1:" + httpPort + "/actuator/health/readiness"),
                    "http :" + httpPort + ", hazelcast :" + ports.getProperty("touchpoint." + i + ".hazelcast"),
                    dir.resolve(name) + "  " + dir.resolve(name + ".log"));
        }
        out.println("secrets and the users' passwords (admin, marketing, compliance, designer, operator): "
                + dir.resolve("secrets").resolve("secrets.env") + " (owner only)");
        out.println("Hazelcast cluster name: " + ports.getProperty("hazelcast.cluster-name"));
        return 0;
    }

    int down(Path dir) throws InterruptedException {
        Properties initial = read(dir.resolve("state.properties"));
        Properties state;
        long supervisor = pid(initial, "supervisor");
        if (supervisor > 0 && Processes.alive(supervisor) && isJava(supervisor)) {
            out.println("stopping the supervisor (pid " + supervisor + "): instances, brokers, then PostgreSQL");
            Processes.stop(supervisor, Duration.ofSeconds(180));
        }
        // whatever is still alive (a supervisor killed with SIGKILL leaves its children running)
        state = read(dir.resolve("state.properties"));
        Properties before = initial;
        List<String> left = new ArrayList<>();
        Map<String, Long> known = new java.util.TreeMap<>();
        for (Properties p : List.of(before, state)) {
            p.stringPropertyNames().stream().filter(k -> k.endsWith(".pid"))
                    .forEach(k -> known.put(k.substring(0, k.length() - 4), Long.parseLong(p.getProperty(k))));
        }
        long pg = LocalPostgres.pid(dir.resolve("postgres-data"));
        if (pg > 0) {
            known.put("postgres", pg);
        }
        // in the supervisor's order, each group at once: instances, brokers, the database (and the supervisor itself)
        for (String group : List.of("touchpoint-", "broker-", "postgres", "supervisor")) {
            List<Thread> stops = new ArrayList<>();
            for (Map.Entry<String, Long> e : known.entrySet()) {
                long pid = e.getValue();
                if (e.getKey().startsWith(group) && Processes.alive(pid) && (isJava(pid) || isPostgres(pid))) {
                    out.println("stopping " + e.getKey() + " (pid " + pid + ")");
                    stops.add(Thread.ofPlatform().start(() -> {
                        if (!Processes.stop(pid, Duration.ofSeconds(60))) {
                            synchronized (left) {
                                left.add(e.getKey() + " (pid " + pid + ")");
                            }
                        }
                    }));
                }
            }
            for (Thread t : stops) {
                t.join();
            }
        }
        if (!left.isEmpty()) {
            out.println("still running: " + left);
            return 1;
        }
        Properties stopped = new Properties();
        stopped.setProperty("status", "STOPPED");
        try (var w = Files.newBufferedWriter(dir.resolve("state.properties"), StandardCharsets.UTF_8)) {
            stopped.store(w, "Processes of the local cluster");
        } catch (IOException e) {
            out.println("cannot write " + dir.resolve("state.properties") + ": " + e.getMessage());
        }
        out.println("local cluster stopped; nothing of it is running. Data stays in " + dir
                + " (delete the folder to start empty)");
        return 0;
    }

    private static boolean isJava(long pid) {
        return Processes.command(pid).map(c -> c.contains("java")).orElse(true);
    }

    private static boolean isPostgres(long pid) {
        return Processes.command(pid).map(c -> c.contains("postgres")).orElse(true);
    }

    private void row(String name, long pid, String state, String address, String files) {
        boolean alive = pid > 0 && Processes.alive(pid);
        out.printf("%-13s %-8s %-9s %-46s %s%n", name, pid > 0 ? Long.toString(pid) : "-",
                alive ? state : "stopped", address, files);
    }

    private static String probe(HttpClient http, String url) {
        try {
            int code = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(3))
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            return code == 200 ? "ready" : "starting";
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static boolean listening(String port) {
        if (port == null) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int count(Properties ports, String prefix, String suffix) {
        return (int) ports.stringPropertyNames().stream().filter(k -> k.startsWith(prefix) && k.endsWith(suffix)).count();
    }

    private static long pid(Properties state, String name) {
        String value = state.getProperty(name + ".pid");
        return value == null ? -1 : Long.parseLong(value);
    }

    static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                // an unreadable file reads as empty
            }
        }
        return p;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
