package dev.touchpoint.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignOptionsTest {

    @Test
    void defaultsLeaveTheThrottleEffectivelyOff() {
        CampaignOptions options = CampaignOptions.parse(new String[] {"--repository=.."});
        assertThat(options.customers()).isEqualTo(3_000);
        assertThat(options.throttle()).isEqualTo(1_000_000);
        assertThat(options.processId()).isEqualTo("winback-campaign");
        assertThat(options.dryRun()).isTrue();
        assertThat(options.jfr()).isFalse();
        assertThat(options.out()).endsWith(java.nio.file.Path.of("benchmarks", "target", "bench-results"));
    }

    @Test
    void parsesEveryOption() {
        CampaignOptions options = CampaignOptions.parse(new String[] {"--customers=100_000", "--throttle=250.5",
                "--process=other-journey", "--timeout=2m", "--skip-dry-run", "--jfr", "--repository=..", "--out=/tmp/r"});
        assertThat(options.customers()).isEqualTo(100_000);
        assertThat(options.throttle()).isEqualTo(250.5);
        assertThat(options.processId()).isEqualTo("other-journey");
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.dryRun()).isFalse();
        assertThat(options.jfr()).isTrue();
        assertThat(options.out()).isEqualTo(java.nio.file.Path.of("/tmp/r"));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> CampaignOptions.parse(new String[] {"--throttle=0", "--repository=.."}))
                .hasMessageContaining("--throttle must be positive");
        assertThatThrownBy(() -> CampaignOptions.parse(new String[] {"--customers=0", "--repository=.."}))
                .hasMessageContaining("--customers must be at least 1");
        assertThatThrownBy(() -> CampaignOptions.parse(new String[] {"--audience=5", "--repository=.."}))
                .hasMessageContaining("unknown option --audience");
    }

    @Test
    void launchRatesCountFromTheLaunchAndSplitTheAudienceIntoQuarters() {
        // 8 starts: launch at 1000 ms, two starts per second in the first half, one per second in the second
        long[] created = {1500, 2000, 2500, 3000, 4000, 5000, 6000, 7000};
        Map<String, Object> rates = LaunchRates.of(created, 1000);
        assertThat(rates).containsEntry("instances", 8).containsEntry("secondsToLastStart", 6.0)
                .containsEntry("startsPerSecond", 1.33).containsEntry("firstStartAfterLaunchMs", 500L);
        assertThat((double[]) rates.get("startsPerSecondByQuarter")).containsExactly(2.0, 2.0, 1.0, 1.0);
    }

    @Test
    void launchRatesOfNothingAreJustZeroInstances() {
        assertThat(LaunchRates.of(new long[0], 1000)).containsExactly(Map.entry("instances", 0));
        assertThat(LaunchRates.of(new long[] {3000, 2000}, 1000)).containsEntry("secondsToLastStart", 2.0)
                .doesNotContainKey("startsPerSecondByQuarter");
    }
}
