package dev.touchpoint.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In embedded mode, points the Camunda client at the engine this application starts, so the starter's workers and
 * our deployer need no engine-specific code: {@code camunda.client.grpc-address} becomes
 * {@code http://<touchpoint.engine.embedded.bind-address>:<port>} (127.0.0.1 when it listens on every interface) (gRPC only: the embedded engine has no REST API). Port 0
 * is replaced by a free port here, before any bean reads it. In remote mode nothing is changed: the client is
 * configured by the user's {@code camunda.client.*} settings.
 */
public class EmbeddedEngineEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "touchpointEmbeddedEngine";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty(EngineProperties.PREFIX + ".mode", "embedded");
        if (!EngineMode.EMBEDDED.name().equalsIgnoreCase(mode.trim())) {
            return;
        }
        int port = environment.getProperty(EngineProperties.PREFIX + ".embedded.port", Integer.class, 26500);
        if (port == 0) {
            port = freePort();
        }
        String bind = environment.getProperty(EngineProperties.PREFIX + ".embedded.bind-address", "127.0.0.1").strip();
        // the client reaches the gateway where it listens (loopback unless bound to one other interface)
        String host = bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        String address = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put(EngineProperties.PREFIX + ".embedded.port", port);
        derived.put("camunda.client.mode", "self-managed");
        derived.put("camunda.client.grpc-address", address);
        derived.put("camunda.client.rest-address", address);
        derived.put("camunda.client.prefer-rest-over-grpc", false);
        derived.put("camunda.client.auth.method", "none");
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
    }

    /**
     * A free port below the operating systems' ephemeral ranges (Linux 32768-60999, others 49152-65535). The engine
     * binds it only later, while the rest of the application starts; a port the OS hands out for "any free port"
     * (Hazelcast, the HTTP server, stand-ins) could be the very same one in between, and the engine then fails to
     * bind (seen in the suite). Ports in 20000-31999 are never handed out that way.
     */
    public static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded engine", e);
        }
    }

    @Override
    public int getOrder() {
        // after the config files were read (ConfigDataEnvironmentPostProcessor), so their settings are seen
        return Ordered.LOWEST_PRECEDENCE;
    }

}
