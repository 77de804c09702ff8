package dev.touchpoint.simulation;

import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every scenario shipped in {@code workflows/scenarios/}, run by the simulate command as a designer runs it, on one
 * Touchpoint of its own, together with one scenario whose expectations are wrong on purpose: the run says which.
 */
class ScenariosIT {

    private static final Path HOME = Path.of(RepositoryPaths.home()).toAbsolutePath().normalize();
    private static final Path SHIPPED = HOME.resolve("workflows").resolve("scenarios");
    private static final Path MISMATCH = Path.of("src", "test", "resources", "scenarios", "mismatch.yaml").toAbsolutePath();

    private static int status;
    private static String output;
    private static List<String> sections;

    @BeforeAll
    static void simulate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status = SimulateCli.run(new String[] {SHIPPED.toString(), MISMATCH.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        System.out.println(output); // the timelines, in the build log
        sections = Arrays.asList(output.split("\n== "));
    }

    @Test
    void everyShippedScenarioRunsAsExpected() {
        List<Path> shipped = ScenarioReader.filesIn(SHIPPED);
        assertThat(shipped).as("scenarios in %s", SHIPPED).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : shipped) {
            String section = section(HOME.relativize(file).toString()).orElseThrow(() -> new AssertionError(
                    "no timeline for " + file + " in:\n" + output));
            assertThat(section).as(output).contains("PASS: ").doesNotContain("MISMATCH");
        }
    }

    @Test
    void everyJourneyHasAScenario() {
        for (String journey : List.of("welcome", "abandoned-cart", "store-visit", "winback-campaign", "order-shipped",
                "service-recovery")) {
            assertThat(output).as("a shipped scenario runs journey %s", journey).contains("journey " + journey + " of ");
        }
    }

    @Test
    void aScenarioThatDoesNotHoldFailsTheRunNamingEachDifference() {
        assertThat(status).as(output).isEqualTo(SimulateCli.MISMATCH);
        String section = section("mismatch.yaml").orElseThrow(() -> new AssertionError(output));
        assertThat(section).contains("MISMATCH:",
                "expected at line 20, not found: otto DEFERRED email welcome QUIET_HOURS at Mon 2030-03-04 10:00",
                "not expected: otto SENT email welcome at Mon 2030-03-04 10:00",
                "expected at line 22: journey welcome of otto ends at 'welcomed-by-sms', but it was still waiting at [");
        // the timeline says what did happen: sent at once, during the day
        assertThat(section).containsPattern("Mon 2030-03-04 10:00  otto +SENT +email  welcome +de");
        assertThat(output).contains("Some scenarios did not go as expected");
    }

    private static Optional<String> section(String fileName) {
        return sections.stream().filter(s -> s.lines().findFirst().orElse("").contains(fileName)).findFirst();
    }
}
