package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Remote mode: the application starts no engine and reaches one only by its network address. The engine here is
 * started by the test, outside Spring, and the same worker as in embedded mode completes the journey.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(EngineCheckWorker.class)
@DirtiesContext
class RemoteEngineIT {

    private static final EmbeddedZeebeEngine OUTSIDE_ENGINE = startOutsideEngine();

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry);
        registry.add("touchpoint.engine.mode", () -> "remote");
        registry.add("camunda.client.mode", () -> "self-managed");
        registry.add("camunda.client.grpc-address", OUTSIDE_ENGINE::gatewayAddress);
        registry.add("camunda.client.rest-address", OUTSIDE_ENGINE::gatewayAddress);
        registry.add("camunda.client.prefer-rest-over-grpc", () -> "false");
        registry.add("touchpoint.journeys.location", () -> Path.of("src/test/resources/journeys/valid").toAbsolutePath().toString());
    }

    @AfterAll
    static void stopOutsideEngine() {
        OUTSIDE_ENGINE.close();
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired EngineCheckWorker worker;
    @Autowired ApplicationContext context;

    @Test
    void drivesTheSameWorkerAgainstAnEngineReachedByAddress() {
        assertThat(engine.mode()).isEqualTo(EngineMode.REMOTE);
        assertThat(engine.gatewayAddress()).isEqualTo(OUTSIDE_ENGINE.gatewayAddress());
        assertThat(context.getBeansOfType(EmbeddedZeebeEngine.class)).isEmpty();
        EngineRecords records = EngineRecords.of(OUTSIDE_ENGINE);

        long instance = client.newCreateInstanceCommand().bpmnProcessId("engine-check").latestVersion()
                .variables(Map.of("customerId", "c-2002")).send().join().getProcessInstanceKey();
        await().atMost(Duration.ofSeconds(30)).until(() -> records.elementCompleted(instance, "do-work"));
        assertThat(worker.handled(instance)).isTrue();

        client.newPublishMessageCommand().messageName("engine-check.reply").correlationKey("c-2002")
                .timeToLive(Duration.ofMinutes(5)).send().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> records.timerCreated(instance, "wait-an-hour"));
        OUTSIDE_ENGINE.clock().orElseThrow().advance(Duration.ofHours(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> records.instanceCompleted(instance));
    }

    private static EmbeddedZeebeEngine startOutsideEngine() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(socket.getLocalPort());
            socket.close();
            engine.start();
            return engine;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
