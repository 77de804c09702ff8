package dev.touchpoint.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated databases for ledger tests: an H2 file database (the embedded default) or a database on one
 * embedded PostgreSQL server shared by every test of the JVM (started on first use, on loopback, stopped at exit).
 */
public final class LedgerDatabases {

    /** The two databases the ledger supports. */
    public enum Kind { H2, POSTGRES }

    /** A migrated database and the settings to reach it from outside (the CLI). */
    public record Database(Kind kind, DataSource dataSource, String url, String user, String password) {
        @Override
        public String toString() {
            return kind.name();
        }
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private LedgerDatabases() {
    }

    /** A fresh database with the application's migrations applied. */
    public static Database create(Kind kind) {
        Database db = createEmpty(kind);
        Flyway.configure().dataSource(db.dataSource()).load().migrate();
        return db;
    }

    /** A fresh, empty database (the application migrates it when it starts). */
    public static Database createEmpty(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    private static Database h2() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "ledger-h2-");
            String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("touchpoint") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1";
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser("sa");
            ds.setPassword("");
            return new Database(Kind.H2, ds, url, "sa", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Database postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "ledger_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return new Database(Kind.POSTGRES, postgres.getDatabase("postgres", name), postgres.getJdbcUrl("postgres", name),
                    "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL directly (the tests' "attacker" and inspector). */
    public static void execute(DataSource dataSource, String sql, Object... args) {
        new org.springframework.jdbc.core.JdbcTemplate(dataSource).update(sql, args);
    }
}
