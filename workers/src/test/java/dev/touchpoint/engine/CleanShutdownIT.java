package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clean shutdown, tested the only honest way: in a JVM of its own, which must exit by itself once the application
 * is closed (no leftover non-daemon threads), after both ports were released.
 */
class CleanShutdownIT {

    @TempDir Path output;

    @Test
    void theJvmExitsByItselfAndPortsAreReleasedAfterTheApplicationCloses() throws IOException, InterruptedException {
        Path log = output.resolve("probe.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : List.of("spring.config.additional-location", "touchpoint.home", "touchpoint.engine.embedded.port")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShutdownProbe.class.getName(),
                Path.of("src/test/resources/journeys/valid").toAbsolutePath().toString()));

        Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = probe.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            probe.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exited).as("probe JVM exited within 120 s; output:%n%s", output).isTrue();
        assertThat(output).as("probe output").contains("PORTS-RELEASED").doesNotContain("LEFTOVER-NON-DAEMON-THREAD");
        assertThat(probe.exitValue()).as("probe exit status; output:%n%s", output).isZero();
    }
}
