package dev.touchpoint.bench.support;

import dev.touchpoint.TouchpointApplication;
import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Touchpoint application ({@link TouchpointApplication}) started inside the benchmark JVM with isolated
 * settings: a temporary H2 database and data folder, its own Hazelcast cluster name and port, free ports, sample
 * customers off, journeys from {@code <repository>/workflows}. Scenario settings and the user's overrides
 * ({@code --touchpoint.*}, {@code --camunda.*}, {@code --spring.*}, {@code --logging.*}) replace settings of the same key.
 */
public final class BenchApplication implements AutoCloseable {

    /** The prefixes of command-line arguments that go to the application rather than to the benchmark. */
    private static final List<String> APP_PREFIXES = List.of("--spring.", "--touchpoint.", "--camunda.", "--logging.");

    /** Turns the application's job workers off: a scenario measures how far work gets into the engine, not delivery. */
    public static final String WORKERS_OFF = "camunda.client.worker.defaults.enabled=false";

    /** The benchmark's own arguments and those for the application. */
    public record Arguments(List<String> own, List<String> app) {
        public String[] ownArray() {
            return own.toArray(String[]::new);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfigurableApplicationContext context;
    private final double startSeconds;

    private BenchApplication(ConfigurableApplicationContext context, double startSeconds) {
        this.context = context;
        this.startSeconds = startSeconds;
    }

    /** What a scenario does with its parsed options and the application settings from the command line. */
    @FunctionalInterface
    public interface Scenario<O> {
        void run(O options, List<String> appOverrides) throws Exception;
    }

    /**
     * The {@code main} of a scenario: prints {@code usage} for {@code --help}, else splits the command line, parses the
     * scenario's own options, runs it and exits (the embedded engine leaves a non-daemon timer thread behind).
     */
    public static <O> void main(String[] args, String usage, java.util.function.Function<String[], O> parse,
                                Scenario<O> scenario) throws Exception {
        if (BenchArgs.wantsHelp(args)) {
            System.out.print(usage);
            return;
        }
        Arguments arguments = split(args);
        scenario.run(parse.apply(arguments.ownArray()), arguments.app());
        System.exit(0);
    }

    /** Splits the command line into the benchmark's options and the application settings to pass on. */
    public static Arguments split(String[] args) {
        List<String> own = new ArrayList<>();
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            if (APP_PREFIXES.stream().anyMatch(arg::startsWith)) {
                app.add(arg);
            } else {
                own.add(arg);
            }
        }
        return new Arguments(List.copyOf(own), List.copyOf(app));
    }

    /** Creates the results folder {@code out} and a fresh temporary data folder for the application; returns the latter. */
    public static Path dataFolder(Path out) throws IOException {
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("touchpoint-bench-");
        BenchReport.log("data folder " + data + ", results to " + out);
        return data;
    }

    /**
     * The settings every benchmark starts the application with ({@code key=value}): isolated in {@code data}, engine
     * embedded on a free port, or the remote {@code gateway} (plain gRPC, no auth; the ledger's process history off,
     * there is no record stream to read) when it is not null.
     */
    public static List<String> isolatedSettings(Path repository, Path data, String gateway) throws IOException {
        int hazelcastPort = freePort();
        List<String> settings = new ArrayList<>(List.of(
                "touchpoint.home=" + repository,
                "spring.config.additional-location=optional:file:" + repository.resolve("config") + "/",
                "spring.main.banner-mode=off",
                "server.port=0",
                "logging.level.root=WARN",
                "logging.level.dev.touchpoint=WARN",
                // isolated like the integration tests: own database, Hazelcast cluster, credentials, secrets
                "spring.datasource.url=jdbc:h2:file:" + data.resolve("db").toAbsolutePath() + "/touchpoint;DB_CLOSE_ON_EXIT=FALSE",
                "spring.datasource.username=sa",
                "spring.datasource.password=",
                "touchpoint.context.hazelcast.mode=member",
                "touchpoint.context.hazelcast.config=" + data.resolve("no-such-hazelcast.yaml"),
                "touchpoint.context.hazelcast.cluster-name=bench-" + UUID.randomUUID(),
                "touchpoint.context.hazelcast.port=" + hazelcastPort,
                "touchpoint.context.hazelcast.members=127.0.0.1:" + hazelcastPort,
                "touchpoint.context.hazelcast.split-brain-minimum-size=1",
                "touchpoint.context.samples.enabled=false",
                // the benchmark drives public endpoints from one address as fast as it can: no per-client rate limit
                "touchpoint.http.rate-limits.enabled=false",
                "touchpoint.security.credentials-file=" + data.resolve("credentials"),
                "touchpoint.delivery.signing-secret-file=" + data.resolve("signing-secret"),
                "touchpoint.journeys.location=" + repository.resolve("workflows")));
        if (gateway == null) {
            settings.add("touchpoint.engine.mode=embedded");
            settings.add("touchpoint.engine.embedded.port=" + freePort());
        } else {
            settings.add("touchpoint.engine.mode=remote");
            settings.add("camunda.client.grpc-address=" + gateway);
            settings.add("camunda.client.prefer-rest-over-grpc=false");
            settings.add("camunda.client.auth.method=none");
            settings.add("touchpoint.ledger.process-history.enabled=false");
        }
        return settings;
    }

    /** {@link #isolatedSettings} on the embedded engine with the job workers off ({@link #WORKERS_OFF}), to add to. */
    public static List<String> isolatedSettingsWithoutWorkers(Path repository, Path data) throws IOException {
        List<String> settings = new ArrayList<>(isolatedSettings(repository, data, null));
        settings.add(WORKERS_OFF);
        return settings;
    }

    /**
     * The application's command line: {@code settings} ({@code key=value}) then {@code overrides}
     * ({@code --key=value}), one argument per key, the later winning.
     */
    public static String[] arguments(List<String> settings, List<String> overrides) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String property : settings) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: " + property);
            }
            byKey.put(property.substring(0, eq), "--" + property);
        }
        for (String override : overrides) {
            byKey.put(override.substring(2, override.contains("=") ? override.indexOf('=') : override.length()), override);
        }
        return byKey.values().toArray(String[]::new);
    }

    /** Starts the application (servlet web server on a free port) with {@link #arguments}. */
    public static BenchApplication start(List<String> settings, List<String> overrides) {
        long startedAt = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TouchpointApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(arguments(settings, overrides));
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        BenchReport.log(String.format(Locale.ROOT, "application started in %.1f s", seconds));
        return new BenchApplication(context, seconds);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public CamundaClient client() {
        return bean(CamundaClient.class);
    }

    public EngineRuntime engine() {
        return bean(EngineRuntime.class);
    }

    /** {@code embedded} or {@code remote}. */
    public String engineMode() {
        return engine().mode().name().toLowerCase(Locale.ROOT);
    }

    /** {@code http://127.0.0.1:<port>}: the application's web server on loopback. */
    public URI baseUri() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    public double startSeconds() {
        return startSeconds;
    }

    @Override
    public void close() {
        context.close();
    }

    /** 24 random bytes, URL-safe Base64: an API key or password for this run only (never logged). */
    public static String randomSecret() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The HTTP/1.1 client the drivers call the application with (loopback only). */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
