package dev.touchpoint.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One Touchpoint instance as a process of its own (the application in the {@code cluster} profile, started by
 * {@link LocalCluster}), with its HTTP and Hazelcast ports on 127.0.0.1 and its output in {@code <work>/<name>.log}.
 */
public final class LocalTouchpoint implements AutoCloseable {

    private final String name;
    private final Path workingDirectory;
    private final Path logFile;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int httpPort;
    private final int hazelcastPort;
    private Process process;

    LocalTouchpoint(String name, Path workingDirectory, Path logFile, List<String> command, Map<String, String> environment,
                    int httpPort, int hazelcastPort) {
        this.name = name;
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.httpPort = httpPort;
        this.hazelcastPort = hazelcastPort;
    }

    /** Starts the process (appending to its log); does nothing while it runs. */
    public synchronized LocalTouchpoint start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== start " + Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the instance answers its readiness probe, or fails with the end of its log. */
    public LocalTouchpoint awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + (process == null ? "not started" : process.exitValue())
                        + ")\n" + LogTail.of(logFile, 60));
            }
            if (ready(http)) {
                return this;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "\n" + LogTail.of(logFile, 60));
    }

    /** True when {@code /actuator/health/readiness} answers 200. */
    public boolean ready(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int hazelcastPort() {
        return hazelcastPort;
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        return LogTail.of(logFile, lines);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL, as a crash would (no graceful stop, no Hazelcast leave: the other members notice it is gone). */
    public synchronized void kill() {
        if (process != null) {
            Processes.kill(process.pid());
        }
    }

    /** Graceful stop (SIGTERM, SIGKILL after 60 s). */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            Processes.stop(process.pid(), Duration.ofSeconds(60));
        }
    }
}
