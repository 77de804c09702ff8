package dev.touchpoint.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchApplicationTest {

    @Test
    void applicationSettingsAreSplitFromTheBenchmarksOwnOptions() {
        BenchApplication.Arguments arguments = BenchApplication.split(new String[] {"--clients=4",
                "--touchpoint.ingress.max-batch=1000", "--camunda.client.execution-threads=4", "--spring.x=1",
                "--logging.level.root=INFO", "--jfr"});
        assertThat(arguments.own()).containsExactly("--clients=4", "--jfr");
        assertThat(arguments.app()).containsExactly("--touchpoint.ingress.max-batch=1000",
                "--camunda.client.execution-threads=4", "--spring.x=1", "--logging.level.root=INFO");
    }

    @Test
    void overridesReplaceSettingsOfTheSameKeyOnce() {
        String[] arguments = BenchApplication.arguments(List.of("server.port=0", "logging.level.root=WARN", "a.b=x=y"),
                List.of("--logging.level.root=INFO", "--touchpoint.flag"));
        assertThat(arguments).containsExactly("--server.port=0", "--logging.level.root=INFO", "--a.b=x=y", "--touchpoint.flag");
    }

    @Test
    void isolatedSettingsKeepDataInTheGivenFolderAndTheEngineEmbeddedUnlessAGatewayIsGiven() throws Exception {
        Path data = Path.of("/tmp/bench-data");
        List<String> embedded = BenchApplication.isolatedSettings(Path.of("/repo"), data, null);
        assertThat(embedded).contains("touchpoint.home=/repo", "touchpoint.engine.mode=embedded",
                "touchpoint.security.credentials-file=/tmp/bench-data/credentials", "touchpoint.context.samples.enabled=false");
        List<String> remote = BenchApplication.isolatedSettings(Path.of("/repo"), data, "http://zeebe:26500");
        assertThat(remote).contains("touchpoint.engine.mode=remote", "camunda.client.grpc-address=http://zeebe:26500",
                "touchpoint.ledger.process-history.enabled=false");
    }
}
