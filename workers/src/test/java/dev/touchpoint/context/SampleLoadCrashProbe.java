package dev.touchpoint.context;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.h2.api.Trigger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The first start of Touchpoint, killed while it loads the sample customers: a database trigger halts the JVM (no
 * shutdown hook, no cleanup: as a SIGKILL would) when the {@value #HALT_AT}th customer row is written. Run by
 * {@code SampleCustomersCrashIT} in a JVM of its own. Arguments: the data folder, the samples file.
 */
public final class SampleLoadCrashProbe {

    static final int HALT_AT = 9;

    private SampleLoadCrashProbe() {
    }

    public static void main(String[] args) throws SQLException {
        Path dir = Path.of(args[0]);
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/touchpoint";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            // What the full application does on H2 (the ledger's H2Durability): every commit written before it is
            // acknowledged. This context-only application has no ledger; without it H2 keeps commits in memory for up
            // to 500 ms and the halt could lose all of them (the run where none of the 8 committed rows survived).
            statement.execute("SET WRITE_DELAY 0");
            statement.execute("CREATE TRIGGER halt_during_samples AFTER INSERT ON customer_profile FOR EACH ROW CALL \""
                    + HaltingTrigger.class.getName() + "\"");
        }
        System.out.println("PROBE-STARTING");
        new SpringApplicationBuilder(ContextTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(ContextTestSupport.isolatedArguments(dir, "touchpoint.context.samples.enabled=true",
                        "touchpoint.context.samples.location=" + args[1]));
        System.out.println("PROBE-NOT-HALTED");
    }

    /** Halts the JVM at the {@value #HALT_AT}th customer written. */
    public static final class HaltingTrigger implements Trigger {

        private static int inserted;

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
            if (++inserted >= HALT_AT) {
                System.out.println("PROBE-HALTING after " + inserted + " customers");
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
        }
    }
}
