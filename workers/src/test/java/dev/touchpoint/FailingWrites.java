package dev.touchpoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.api.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Real write failures of the application's H2 database, switched on and off by a test: a trigger on a table refuses
 * inserts while the table is marked failing, as a full disk or a lost connection would. The application sees the
 * same SQL exception it would in production, through its real code paths (MapStore, ledger writer).
 */
public final class FailingWrites implements Trigger {

    private static final Map<String, Boolean> FAILING = new ConcurrentHashMap<>();

    private String table;

    /** Installs the trigger on each table (once per database). */
    public static void install(JdbcTemplate jdbc, String... tables) {
        for (String table : tables) {
            jdbc.execute("CREATE TRIGGER IF NOT EXISTS fail_" + table + " BEFORE INSERT ON " + table
                    + " FOR EACH ROW CALL \"" + FailingWrites.class.getName() + "\"");
        }
    }

    public static void fail(String table) {
        FAILING.put(table.toLowerCase(Locale.ROOT), true);
    }

    public static void heal(String table) {
        FAILING.remove(table.toLowerCase(Locale.ROOT));
    }

    public static void healAll() {
        FAILING.clear();
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName.toLowerCase(Locale.ROOT);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if (FAILING.containsKey(table)) {
            throw new SQLException("simulated write failure of " + table + " (disk full)", "08006");
        }
    }
}
