package dev.touchpoint.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void parsesKeyValuesAndDeclaredFlagsInOrder() {
        assertThat(BenchArgs.parse(new String[] {"--clients=4", "--jfr", "--out=/tmp/x=y"}, List.of("jfr"), "usage"))
                .containsExactly(java.util.Map.entry("clients", "4"), java.util.Map.entry("jfr", "true"),
                        java.util.Map.entry("out", "/tmp/x=y"));
    }

    @Test
    void refusesUndeclaredFlagsAndBareWords() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--jfr"}, List.of(), "the usage"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--jfr").hasMessageContaining("the usage");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"clients=4"}, List.of(), "usage"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsTakeMillisecondsSecondsAndMinutes() {
        assertThat(BenchArgs.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(BenchArgs.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchArgs.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(BenchArgs.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void wholeNumbersHaveALowerBoundAndMayUseUnderscores() {
        assertThat(BenchArgs.atLeast("customers", "100_000", 1)).isEqualTo(100_000);
        assertThatThrownBy(() -> BenchArgs.atLeast("clients", "0", 1)).hasMessageContaining("--clients must be at least 1");
        assertThatThrownBy(() -> BenchArgs.atLeast("clients", "many", 1)).hasMessageContaining("whole number");
    }

    @Test
    void resultsGoBelowTheRepositoryUnlessGiven() {
        Path repository = BenchArgs.repository("..");
        assertThat(repository.resolve("workflows/journeys")).isDirectory();
        assertThat(BenchArgs.out(null, repository)).isEqualTo(repository.resolve("benchmarks/target/bench-results"));
        assertThat(BenchArgs.out("/tmp/results", repository)).isEqualTo(Path.of("/tmp/results"));
    }
}
