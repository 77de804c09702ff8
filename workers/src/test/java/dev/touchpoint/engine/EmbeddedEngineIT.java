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
                "touchpoint.journeys.location=" + Path.of("src/test/resources/journeys/valid").toAbsolutePath(),
                "touchpoint.journeys.test-customers=c-3003,test-*");
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
    void aDesignerAddressesOnlyTestCustomersAndNoMessageRewritesARunningJourney() {
        org.springframework.http.HttpHeaders designer = new org.springframework.http.HttpHeaders();
        designer.set(org.springframework.http.HttpHeaders.AUTHORIZATION, dev.touchpoint.security.TestUsers.authorization("DESIGNER"));
        org.springframework.http.HttpHeaders marketing = new org.springframework.http.HttpHeaders();
        marketing.set(org.springframework.http.HttpHeaders.AUTHORIZATION, dev.touchpoint.security.TestUsers.authorization("MARKETING"));
        org.springframework.http.HttpHeaders operator = new org.springframework.http.HttpHeaders();
        operator.set(org.springframework.http.HttpHeaders.AUTHORIZATION, dev.touchpoint.security.TestUsers.authorization("OPERATOR"));

        assertThat(http.exchange("/api/journeys/engine-check/instances", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("customerId", "cust-real-1"), designer), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/journeys/engine-check/instances", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("customerId", "test-7"), designer), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(http.exchange("/api/journeys/engine-check/instances", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("customerId", "cust-real-1"), operator), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.exchange("/api/journeys/engine-check/instances", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("customerId", "cust-real-1"), marketing), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(http.exchange("/api/journeys/messages", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("name", "engine-check.reply", "correlationKey", "cust-real-1"), designer),
                Map.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // whoever publishes: a message may not redirect a running journey or replace what it sends
        ResponseEntity<Map> redirected = http.exchange("/api/journeys/messages", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("name", "engine-check.reply", "correlationKey", "cust-real-1",
                        "variables", Map.of("customerId", "cust-victim")), marketing), Map.class);
        assertThat(redirected.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(redirected.getBody()).containsEntry("field", "variables.customerId");
        ResponseEntity<Map> rewritten = http.exchange("/api/journeys/messages", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("name", "engine-check.reply", "correlationKey", "cust-real-1",
                        "variables", Map.of("templateVariables", Map.of("trackingUrl", "https://evil.example"))), marketing), Map.class);
        assertThat(rewritten.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rewritten.getBody()).containsEntry("field", "variables.templateVariables");
        assertThat(http.exchange("/api/journeys/messages", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("name", "engine-check.reply", "correlationKey", "cust-real-1",
                        "variables", Map.of("customerId", "cust-real-1")), marketing), Map.class).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void redeployingUnchangedFilesKeepsTheVersion() {
        int before = deployedVersion();
        deployer.deploy();
        assertThat(deployedVersion()).isEqualTo(before);
    }

    @Test
    void healthReportsEngineAndJourneys() {
        ResponseEntity<Map> health = http.withBasicAuth("operator", dev.touchpoint.security.TestUsers.PASSWORD)
                .getForEntity("/actuator/health", Map.class);
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
    void probesArePublicWithoutDetailsAndEverythingElseNeedsAnOperator() {
        for (String probe : java.util.List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            ResponseEntity<Map> anonymous = http.getForEntity(probe, Map.class);
            assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(anonymous.getBody()).isEqualTo(Map.of("status", "UP"));
        }
        for (String path : java.util.List.of("/actuator/health", "/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator")) {
            assertThat(http.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(http.withBasicAuth("marketing", dev.touchpoint.security.TestUsers.PASSWORD).getForEntity(path, String.class)
                    .getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(http.withBasicAuth("admin", dev.touchpoint.security.TestUsers.PASSWORD).getForEntity(path, String.class)
                    .getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void exposesPrometheusMetrics() {
        ResponseEntity<String> metrics = http.withBasicAuth("operator", dev.touchpoint.security.TestUsers.PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
    }

    private int deployedVersion() {
        return deployer.lastReport().orElseThrow().deployed().stream()
                .filter(j -> j.processId().equals("engine-check")).findFirst().orElseThrow().version();
    }
}
