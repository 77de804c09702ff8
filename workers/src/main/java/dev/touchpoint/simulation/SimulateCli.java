package dev.touchpoint.simulation;

import dev.touchpoint.TouchpointApplication;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./touchpoint simulate [SCENARIO...]}: runs journey scenarios (default: every file of
 * {@code workflows/scenarios/}) on a Touchpoint of their own, started for the run: the embedded engine on a free
 * port, the journeys of {@code workflows/}, the sandbox providers, a fresh database and customer context in a
 * temporary folder, and a {@link SimulatedClock} that the {@link Simulator} moves with the engine's clock. Prints each
 * scenario's timeline and its mismatches.
 *
 * <p>Exit status: 0 every scenario as expected, 1 a mismatch, 2 a scenario that cannot be read or a Touchpoint that
 * cannot start.
 */
public final class SimulateCli {

    public static final int OK = 0;
    public static final int MISMATCH = 1;
    public static final int ERROR = 2;

    private SimulateCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /**
     * @param configureLogging false inside a JVM that already configured logging (tests): Spring Boot's logging set-up
     *                         is JVM-wide
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean configureLogging) {
        Path home = Path.of(System.getProperty("touchpoint.home", System.getenv().getOrDefault("TOUCHPOINT_HOME", ".")))
                .toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (List.of("help", "--help", "-h").contains(arg)) {
                out.print(usage());
                return OK;
            } else if (arg.startsWith("--touchpoint.home=")) {
                home = Path.of(arg.substring("--touchpoint.home=".length())).toAbsolutePath().normalize();
            } else if (arg.startsWith("--")) {
                springArgs.add(arg);
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            paths.add(home.resolve("workflows").resolve("scenarios"));
        }

        List<Scenario> scenarios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                problems.add(path + ": no such file or folder");
                continue;
            }
            for (Path file : Files.isDirectory(path) ? ScenarioReader.filesIn(path) : List.of(path)) {
                try {
                    scenarios.add(ScenarioReader.read(file));
                } catch (ScenarioReader.ScenarioException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        problems.addAll(sharedAddresses(scenarios));
        if (!problems.isEmpty()) {
            err.println("simulate: the scenarios cannot run as written:");
            problems.forEach(p -> err.println("  - " + p));
            return ERROR;
        }
        if (scenarios.isEmpty()) {
            err.println("simulate: no scenario files (.yaml, .yml, .json) in " + paths);
            return ERROR;
        }

        Path data;
        try {
            data = Files.createTempDirectory("touchpoint-simulation-");
        } catch (IOException e) {
            err.println("simulate: cannot create a temporary folder: " + e.getMessage());
            return ERROR;
        }
        SimulatedClock clock = new SimulatedClock(scenarios.getFirst().start());
        int status = OK;
        out.println("Simulating " + scenarios.size() + (scenarios.size() == 1 ? " scenario" : " scenarios")
                + " on a Touchpoint of their own (embedded engine, sandbox providers, journeys of " + home.resolve("workflows") + ")");
        try (ConfigurableApplicationContext context = start(home, data, clock, springArgs, configureLogging)) {
            Simulator simulator = new Simulator(context, clock);
            for (Scenario scenario : scenarios) {
                SimulationReport report = simulator.run(scenario);
                report.print(out, home);
                if (!report.passed()) {
                    status = MISMATCH;
                }
            }
        } catch (RuntimeException e) {
            err.println("simulate: Touchpoint could not run the scenarios: " + rootMessage(e));
            return ERROR;
        } finally {
            delete(data);
        }
        out.println(status == OK ? (scenarios.size() == 1 ? "The scenario went" : "All " + scenarios.size() + " scenarios went")
                + " as expected." : "Some scenarios did not go as expected (MISMATCH above)."
                + (configureLogging ? " Touchpoint's warnings and errors of the run: " + logFile(home) : ""));
        return status;
    }

    private static ConfigurableApplicationContext start(Path home, Path data, SimulatedClock clock, List<String> overrides,
                                                        boolean configureLogging) {
        int hazelcastPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("touchpoint.home", home.toString());
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("touchpoint.engine.mode", "embedded");
        properties.put("touchpoint.engine.embedded.port", "0");
        properties.put("touchpoint.engine.embedded.bind-address", "127.0.0.1");
        properties.put("touchpoint.journeys.location", home.resolve("workflows").toString());
        properties.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("db").resolve("touchpoint") + ";DB_CLOSE_ON_EXIT=FALSE");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        properties.put("touchpoint.context.hazelcast.mode", "member");
        properties.put("touchpoint.context.hazelcast.config", data.resolve("no-hazelcast.yaml").toString());
        properties.put("touchpoint.context.hazelcast.cluster-name", "simulation-" + UUID.randomUUID());
        properties.put("touchpoint.context.hazelcast.port", String.valueOf(hazelcastPort));
        properties.put("touchpoint.context.hazelcast.members", "127.0.0.1:" + hazelcastPort);
        properties.put("touchpoint.context.hazelcast.split-brain-minimum-size", "1");
        properties.put("touchpoint.context.samples.enabled", "false");
        properties.put("touchpoint.context.suppression.secret-file", data.resolve("suppression-secret").toString());
        properties.put("touchpoint.security.credentials-file", data.resolve("credentials").toString());
        properties.put("touchpoint.delivery.signing-secret-file", data.resolve("signing-secret").toString());
        properties.put("touchpoint.ingress.sources.shop.api-keys", randomSecret());
        properties.put("touchpoint.ingress.kafka.enabled", "false");
        properties.put("touchpoint.ledger.retention.schedule", "-");
        properties.put("touchpoint.campaigns.launcher-enabled", "false");
        properties.put("touchpoint.channels.email.sandbox.port", "0");
        // the SMS sandbox's status callbacks (sent, delivered or undelivered) follow each other quickly
        properties.put("touchpoint.channels.sms.sandbox.callback-delay", "20ms");
        properties.put("spring.main.banner-mode", "off");
        if (configureLogging) {
            properties.put("logging.level.root", "WARN");
            properties.put("logging.threshold.console", "ERROR");
            properties.put("logging.file.name", logFile(home).toString());
        }
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.addAll(overrides);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(TouchpointApplication.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .initializers(context -> {
                    if (context.getBeanFactory() instanceof DefaultListableBeanFactory factory) {
                        RootBeanDefinition definition = new RootBeanDefinition(Clock.class, () -> clock);
                        definition.setPrimary(true);
                        factory.registerBeanDefinition("simulatedClock", definition);
                    }
                });
        if (!configureLogging) {
            var application = builder.application();
            application.setListeners(application.getListeners().stream().filter(l -> !(l instanceof LoggingApplicationListener)).toList());
        }
        return builder.run(arguments.toArray(String[]::new));
    }

    /**
     * Scenarios share one Touchpoint, and a STOP or an unsubscribe is remembered for the number or address (the
     * suppression list): two scenarios must not give their customers the same phone number or email address.
     */
    static List<String> sharedAddresses(List<Scenario> scenarios) {
        Map<String, String> owner = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Scenario.Customer customer : scenario.customers().values()) {
                for (String field : List.of("phone", "email")) {
                    Object value = customer.profile().get(field);
                    if (value == null) {
                        continue;
                    }
                    String address = value.toString().replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
                    String here = scenario.file() + ":" + customer.line();
                    String earlier = owner.putIfAbsent(address, here);
                    if (earlier != null && !earlier.startsWith(scenario.file() + ":")) {
                        problems.add(here + ": customers." + customer.name() + "." + field + ": " + value + " is also used at "
                                + earlier + "; scenarios run on one Touchpoint, which remembers a STOP or an opt-out per number"
                                + " and address: give each scenario's customers their own");
                    }
                }
            }
        }
        return problems;
    }

    private static Path logFile(Path home) {
        return home.resolve(".touchpoint").resolve("simulation.log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the simulation's Hazelcast member", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: the operating system clears it eventually
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    static String usage() {
        return """
                Usage: ./touchpoint simulate [SCENARIO.yaml|FOLDER ...]

                Runs journey scenarios (default: every .yaml, .yml and .json file of workflows/scenarios/) with virtual
                time: customers, events at given times, and the touchpoints expected. Each runs the real journeys of
                workflows/ on an embedded engine with the sandbox providers; the application's clock and the engine's
                move together from one event, timer or deferral to the next, so days pass in seconds. Prints every
                scenario's timeline (what was sent, withheld or deferred, why and when) and what did not match.
                Scenario format: docs/journey-designer-guide.md, section 6.
                Exit status: 0 all as expected, 1 a mismatch, 2 a scenario that cannot be read.
                """;
    }
}
