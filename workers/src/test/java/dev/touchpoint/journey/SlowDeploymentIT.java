package dev.touchpoint.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.context.ContextTestSupport;
import dev.touchpoint.engine.EmbeddedEngineState;
import dev.touchpoint.engine.EmbeddedZeebeEngine;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy engine can take longer than the client's default request deadline to accept the journeys at start-up; the
 * deployer gives a deployment its own deadline instead of failing the start (a loaded 2-core machine took over 10 s).
 */
class SlowDeploymentIT {

    @TempDir Path journeys;

    @Test
    void aDeploymentSlowerThanTheClientsDefaultDeadlineStillDeploys() throws IOException {
        Bpmn.writeModelToFile(journeys.resolve("slow.bpmn").toFile(),
                Bpmn.createExecutableProcess("slow").startEvent().endEvent().done());
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(ContextTestSupport.freePort(), EmbeddedEngineState.ROCKSDB,
                32L * 1024 * 1024);
        // the engine takes 3 s to accept a deployment; the client's default deadline is 1 s
        engine.guardDeployments(resources -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        engine.start();
        try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create(engine.gatewayAddress()))
                .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(1)).build()) {
            JourneyDeploymentReport report = new JourneyDeployer(client, new JourneyFolder(journeys),
                    new JourneyLint(BrandDesignSystem.fromClasspath()), JourneyProperties.OnRejected.FAIL, Clock.systemUTC()).deploy();
            assertThat(report.rejected()).isEmpty();
            assertThat(report.deployed()).hasSize(1);
        } finally {
            engine.close();
            Files.deleteIfExists(journeys.resolve("slow.bpmn"));
        }
    }
}
