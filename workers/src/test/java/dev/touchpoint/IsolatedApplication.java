package dev.touchpoint;

import dev.touchpoint.context.ContextTestSupport;
import dev.touchpoint.security.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Settings that let a test start the whole application without touching anything else on the machine: its own
 * database, Hazelcast cluster, credentials and data under {@code target/it-data/}, free ports for the embedded engine
 * of the sandbox providers (the engine port is 0 from the failsafe configuration), and the test users of {@link TestUsers}.
 */
public final class IsolatedApplication {

    private IsolatedApplication() {}

    /** {@code key=value} settings, later ones in {@code overrides} replacing earlier ones. */
    public static List<String> properties(String... overrides) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "app-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(ContextTestSupport.isolatedProperties(dir));
        all.addAll(TestUsers.properties());
        all.add("touchpoint.channels.email.sandbox.port=0");
        all.add("touchpoint.delivery.signing-secret-file=" + dir.resolve("signing-secret").toAbsolutePath());
        all.add("touchpoint.journeys.interrupted-file=" + dir.resolve("interrupted-journeys.json").toAbsolutePath());
        // the retention schedule runs on the wall clock (03:15): a suite running at that hour must not prune mid-test
        all.add("touchpoint.ledger.retention.schedule=-");
        // the suite's own traffic all comes from 127.0.0.1: rate limits (RateLimitIT tests them) far above it
        for (String group : List.of("tracking", "unsubscribe", "webhooks", "kiosk", "events", "surveys")) {
            all.add("touchpoint.http.rate-limits." + group + ".requests=10000000");
            all.add("touchpoint.http.rate-limits." + group + ".per=1m");
        }
        all.addAll(List.of(overrides));
        for (String property : all) {
            byKey.put(property.substring(0, property.indexOf('=')), property);
        }
        return List.copyOf(byKey.values());
    }

    /** The same as command-line arguments, which outrank the config files (for {@code SpringApplicationBuilder.run}). */
    public static String[] arguments(String... overrides) {
        return properties(overrides).stream().map(p -> "--" + p).toArray(String[]::new);
    }

    /** The same for a {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, String... overrides) {
        for (String property : properties(overrides)) {
            int eq = property.indexOf('=');
            String value = property.substring(eq + 1);
            registry.add(property.substring(0, eq), () -> value);
        }
    }
}
