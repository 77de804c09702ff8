package dev.touchpoint.context;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Properties that isolate a Spring context's customer context from everything else on the machine: its own H2 file
 * database in a temporary folder, its own Hazelcast cluster name and free loopback port (so it never joins a running
 * dev instance), its own credentials file, no sample customers. Other modules' integration tests that start the
 * whole application should pass these too, e.g. from a {@code @DynamicPropertySource}.
 */
public final class ContextTestSupport {

    private ContextTestSupport() {
    }

    /** As {@code key=value} strings, for {@code @SpringBootTest(properties = ...)} or {@code --key=value} arguments. */
    public static List<String> isolatedProperties(Path dir) {
        int port = freePort();
        return List.of(
                "spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/touchpoint;DB_CLOSE_ON_EXIT=FALSE",
                "spring.datasource.username=sa",
                "spring.datasource.password=",
                "touchpoint.context.hazelcast.mode=member",
                "touchpoint.context.hazelcast.config=" + dir.resolve("no-such-hazelcast.yaml").toAbsolutePath(),
                "touchpoint.context.hazelcast.cluster-name=test-" + UUID.randomUUID(),
                "touchpoint.context.hazelcast.port=" + port,
                "touchpoint.context.hazelcast.members=127.0.0.1:" + port,
                "touchpoint.context.hazelcast.split-brain-minimum-size=1",
                "touchpoint.context.samples.enabled=false",
                "touchpoint.context.suppression.secret-file=" + dir.resolve("suppression-secret").toAbsolutePath(),
                "touchpoint.security.credentials-file=" + dir.resolve("credentials").toAbsolutePath());
    }

    /** The same as command-line arguments (which win over config/application.yaml). */
    public static String[] isolatedArguments(Path dir, String... more) {
        java.util.Map<String, String> byKey = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(isolatedProperties(dir).stream(), java.util.Arrays.stream(more))
                .forEach(p -> byKey.put(p.substring(0, p.indexOf('=')), p)); // a later value replaces an earlier one
        return byKey.values().stream().map(p -> "--" + p).toArray(String[]::new);
    }

    public static int freePort() {
        // below the OS's ephemeral range: nothing asking for "any free port" can take it before the test binds it
        return dev.touchpoint.engine.EmbeddedEngineEnvironment.freePort();
    }
}
