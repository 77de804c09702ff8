package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.journey.JourneyDeployer;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on its embedded defaults: a real Zeebe engine in the JVM, the journeys folder deployed at start,
 * a job worker registered through the starter, a message correlated and a timer fired by moving the engine clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EngineCheckWorker.class)
class EmbeddedEngineIT {

    @DynamicPropertySource
    static void journeys(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry,
                "touchpoint.journeys.location=" + Path.of("src/test/resources/journeys/valid").toAbsolutePath());
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired EngineCheckWorker worker;
    @Autowired JourneyDeployer deployer;
    @Autowired TestRestTemplate http;

    @Test
    void runsAJourneyThroughWorkerMessageAndTimer() {
        assertThat(engine.mode()).isEqualTo(EngineMode.EMBEDDED);
        assertThat(deployer.lastReport()).hasValueSatisfying(report -> assertThat(report.deployed())
                .anySatisfy(j -> {
                    assertThat(j.processId()).isEqualTo("engine-check");
                    assertThat(j.resourceName()).isEqualTo("engine-check.bpmn");
                }));
        EngineRecords records = EngineRecords.of(engine);

        long instance = client.newCreateInstanceCommand().bpmnProcessId("engine-check").latestVersion()
                .variables(Map.of("customerId", "c-1001")).send().join().getProcessInstanceKey();

        await().atMost(Duration.ofSeconds(30)).until(() -> records.elementCompleted(instance, "do-work"));
        assertThat(worker.handled(instance)).isTrue();

        client.newPublishMessageCommand().messageName("engine-check.reply").correlationKey("c-1001")
                .timeToLive(Duration.ofMinutes(5)).send().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> records.timerCreated(instance, "wait-an-hour"));
        assertThat(records.instanceCompleted(instance)).isFalse();

        engine.clock().orElseThrow().advance(Duration.ofHours(1).plusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "wait-an-hour")).isTrue();
    }

    @Test
    void designersStartJourneysAndPublishMessagesThroughTheApi() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set(org.springframework.http.HttpHeaders.AUTHORIZATION, dev.touchpoint.security.TestUsers.authorization("DESIGNER"));
        ResponseEntity<Map> started = http.exchange("/api/journeys/engine-check/instances", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("customerId", "c-3003"), headers), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long instance = ((Number) started.getBody().get("processInstanceKey")).longValue();
        EngineRecords records = EngineRecords.of(engine);
        await().atMost(Duration.ofSeconds(30)).until(() -> records.elementCompleted(instance, "do-work"));

        ResponseEntity<Map> published = http.exchange("/api/journeys/messages", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("name", "engine-check.reply", "correlationKey", "c-3003"), headers),
                Map.class);
        assertThat(published.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> records.timerCreated(instance, "wait-an-hour"));

        ResponseEntity<Map> anonymous = http.postForEntity("/api/journeys/messages",
                Map.of("name", "engine-check.reply", "correlationKey", "c-3003"), Map.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void redeployingUnchangedFilesKeepsTheVersion() {
        int before = deployedVersion();
        deployer.deploy();
        assertThat(deployedVersion()).isEqualTo(before);
    }

    @Test
    void healthReportsEngineAndJourneys() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
        Map<?, ?> components = (Map<?, ?>) health.getBody().get("components");
        Map<?, ?> engineHealth = (Map<?, ?>) components.get("engine");
        assertThat(engineHealth.get("status")).isEqualTo("UP");
        Map<?, ?> details = (Map<?, ?>) engineHealth.get("details");
        assertThat(details.get("mode")).isEqualTo("embedded");
        assertThat(details.get("partitions")).isEqualTo(Map.of("1", "HEALTHY"));
        assertThat(((Map<?, ?>) components.get("journeys")).get("status")).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        ResponseEntity<String> metrics = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
    }

    private int deployedVersion() {
        return deployer.lastReport().orElseThrow().deployed().stream()
                .filter(j -> j.processId().equals("engine-check")).findFirst().orElseThrow().version();
    }
}
