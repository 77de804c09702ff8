package dev.touchpoint.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngressOptionsTest {

    @Test
    void defaultsMeasureBatchesOf50ThenSingleEvents() {
        IngressOptions options = IngressOptions.parse(new String[] {"--repository=.."});
        assertThat(options.batchSizes()).containsExactly(50, 1);
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.customers()).isEqualTo(10_000);
        assertThat(options.duplicates()).isEqualTo(200);
        assertThat(options.jfr()).isFalse();
    }

    @Test
    void parsesEveryOption() {
        IngressOptions options = IngressOptions.parse(new String[] {"--batch-sizes=1,10,100", "--clients=2",
                "--warmup=2s", "--duration=1m", "--customers=0", "--duplicates=0", "--settle=5s", "--jfr",
                "--repository=..", "--out=/tmp/r"});
        assertThat(options.batchSizes()).containsExactly(1, 10, 100);
        assertThat(options.clients()).isEqualTo(2);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.customers()).isZero();
        assertThat(options.duplicates()).isZero();
        assertThat(options.settle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.jfr()).isTrue();
        assertThat(options.out()).isEqualTo(java.nio.file.Path.of("/tmp/r"));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> IngressOptions.parse(new String[] {"--batch-sizes=50,0", "--repository=.."}))
                .hasMessageContaining("--batch-sizes must be at least 1");
        assertThatThrownBy(() -> IngressOptions.parse(new String[] {"--duration=0s", "--repository=.."}))
                .hasMessageContaining("--duration must be positive");
        assertThatThrownBy(() -> IngressOptions.parse(new String[] {"--gateway=http://x", "--repository=.."}))
                .hasMessageContaining("unknown option --gateway");
    }
}
