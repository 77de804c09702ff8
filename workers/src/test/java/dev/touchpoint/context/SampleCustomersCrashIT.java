package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first start is killed while it loads the sample customers (in a JVM of its own, halted mid-import). The next
 * start loads the rest: every sample customer is there, each once; once complete, the samples are never loaded again
 * (an erased sample customer stays erased).
 */
class SampleCustomersCrashIT {

    @TempDir
    Path dir;

    @Test
    void aFirstStartKilledMidImportIsCompletedByTheNextStart() throws Exception {
        Path samples = ContextRestartIT.SAMPLES.toAbsolutePath();
        long expected;
        try (var lines = Files.lines(samples)) {
            expected = lines.filter(l -> !l.isBlank()).count();
        }
        Path log = dir.resolve("probe.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SampleLoadCrashProbe.class.getName(), dir.toString(), samples.toString()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("probe ended; output:%n%s", output(log)).isTrue();
        assertThat(output(log)).contains("PROBE-HALTING").doesNotContain("PROBE-NOT-HALTED");
        assertThat(probe.exitValue()).isEqualTo(137);

        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + "/touchpoint";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER halt_during_samples");
            var count = statement.executeQuery("SELECT COUNT(*) FROM customer_profile");
            count.next();
            assertThat(count.getLong(1)).as("the first start was stopped part-way").isBetween(1L, expected - 1);
        }

        String[] arguments = ContextTestSupport.isolatedArguments(dir, "touchpoint.context.samples.enabled=true",
                "touchpoint.context.samples.location=" + samples);
        try (ConfigurableApplicationContext next = start(arguments)) {
            JdbcTemplate jdbc = next.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_profile", Long.class)).isEqualTo(expected);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM touchpoint_setup WHERE step = 'sample-customers'", Long.class)).isEqualTo(1L);
            CustomerContextStore store = next.getBean(CustomerContextStore.class);
            assertThat(store.findContext("cust-1003").orElseThrow().consent(Channel.EMAIL, Purpose.MARKETING))
                    .get().extracting(ConsentRecord::status).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(store.erase("cust-1001", "compliance")).isTrue();
        }
        try (ConfigurableApplicationContext again = start(arguments)) {
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer_profile", Long.class)).isEqualTo(expected - 1);
            assertThat(again.getBean(CustomerContextStore.class).findProfile("cust-1001")).as("not loaded again").isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String[] arguments) {
        return new SpringApplicationBuilder(ContextTestApplication.class).web(WebApplicationType.NONE).run(arguments);
    }

    private static String output(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
