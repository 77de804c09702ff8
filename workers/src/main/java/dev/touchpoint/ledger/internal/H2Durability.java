package dev.touchpoint.ledger.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2 acknowledges a commit before writing it: its store is written by a background thread every 500 ms
 * ({@code WRITE_DELAY}). A process crash then loses commits that callers were told about, which would break the
 * ledger's promise (a job completes only after its evidence is durable). {@code SET WRITE_DELAY 0} makes every commit
 * write the store before it returns. Process crashes are then safe; an operating-system crash or power loss can still
 * lose the last commits (H2 does not fsync each commit): use PostgreSQL where that matters (the cluster profile).
 */
final class H2Durability {

    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);

    private H2Durability() {
    }

    static void apply(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
            log.info("Ledger: embedded H2 database writes every commit before acknowledging it (WRITE_DELAY 0)");
        } catch (SQLException e) {
            log.warn("Ledger: could not make H2 write commits synchronously ({}); a crash may lose up to 500 ms of "
                    + "acknowledged evidence", e.getMessage());
        }
    }
}
