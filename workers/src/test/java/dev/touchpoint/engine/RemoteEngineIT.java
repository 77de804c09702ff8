package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TouchpointApplication;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Remote mode: the application starts no engine and reaches one only by its network address. The engine here is
 * started by the test, outside Spring, and the same worker as in embedded mode completes the journey. The test owns
 * both lifecycles so the application (its client and workers) always stops before the engine it talks to.
 */
class RemoteEngineIT {

    private static EmbeddedZeebeEngine outsideEngine;
    private static ConfigurableApplicationContext application;

    @BeforeAll
    static void start() {
        outsideEngine = startOutsideEngine();
        String address = outsideEngine.gatewayAddress();
        application = new SpringApplicationBuilder(TouchpointApplication.class, EngineCheckWorker.class)
                .web(WebApplicationType.NONE)
                .run(IsolatedApplication.arguments(
                        "touchpoint.engine.mode=remote",
                        "camunda.client.mode=self-managed",
                        "camunda.client.grpc-address=" + address,
                        "camunda.client.rest-address=" + address,
                        "camunda.client.prefer-rest-over-grpc=false",
                        "touchpoint.journeys.location=" + Path.of("src/test/resources/journeys/valid").toAbsolutePath()));
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
        outsideEngine.close();
    }

    @Test
    void drivesTheSameWorkerAgainstAnEngineReachedByAddress() {
        EngineRuntime engine = application.getBean(EngineRuntime.class);
        CamundaClient client = application.getBean(CamundaClient.class);
        EngineCheckWorker worker = application.getBean(EngineCheckWorker.class);
        assertThat(engine.mode()).isEqualTo(EngineMode.REMOTE);
        assertThat(engine.gatewayAddress()).isEqualTo(outsideEngine.gatewayAddress());
        assertThat(application.getBeansOfType(EmbeddedZeebeEngine.class)).isEmpty();
        EngineRecords records = EngineRecords.of(outsideEngine);

        long instance = client.newCreateInstanceCommand().bpmnProcessId("engine-check").latestVersion()
                .variables(Map.of("customerId", "c-2002")).send().join().getProcessInstanceKey();
        await().atMost(Duration.ofSeconds(30)).until(() -> records.elementCompleted(instance, "do-work"));
        assertThat(worker.handled(instance)).isTrue();

        client.newPublishMessageCommand().messageName("engine-check.reply").correlationKey("c-2002")
                .timeToLive(Duration.ofMinutes(5)).send().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> records.timerCreated(instance, "wait-an-hour"));
        outsideEngine.clock().orElseThrow().advance(Duration.ofHours(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> records.instanceCompleted(instance));
    }

    private static EmbeddedZeebeEngine startOutsideEngine() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(port);
        engine.start();
        return engine;
    }
}
