package dev.touchpoint.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outgoing webhook against a real HTTP server on 127.0.0.1 playing the service desk. */
class WebhookServiceDeskTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private final AtomicReference<String> answer = new AtomicReference<>("{\"id\":\"CASE-4711\"}");
    private HttpServer server;
    private URI url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/tasks", exchange -> {
            headers.add(Map.of(
                    "Idempotency-Key", String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")),
                    "Authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "Content-Type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    "Method", exchange.getRequestMethod()));
            bodies.add(json.readTree(exchange.getRequestBody()));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/tasks");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static ServiceDeskTask task() {
        return new ServiceDeskTask("sd-e1-2251799813685281-2251799813685290", "customer-care", "high", "cust-1001",
                "Low survey score: nps-survey 3 (nps), answered by email",
                Map.of("survey", "nps-survey", "score", 3, "apologySentOn", "email"), "service-recovery:1",
                2251799813685281L, Instant.parse("2026-12-07T09:00:00Z"));
    }

    @Test
    void postsTheTaskAsJsonWithItsIdAsIdempotencyKeyAndTheTokenAndReadsTheReference() {
        WebhookServiceDesk desk = new WebhookServiceDesk(url, "s3cret-token", Duration.ofSeconds(5), json);

        assertThat(desk.open(task())).isEqualTo("CASE-4711");

        assertThat(headers).singleElement().satisfies(h -> assertThat(h)
                .containsEntry("Method", "POST").containsEntry("Content-Type", "application/json")
                .containsEntry("Idempotency-Key", "sd-e1-2251799813685281-2251799813685290")
                .containsEntry("Authorization", "Bearer s3cret-token"));
        JsonNode body = bodies.getFirst();
        assertThat(body.get("customerId").asText()).isEqualTo("cust-1001");
        assertThat(body.get("queue").asText()).isEqualTo("customer-care");
        assertThat(body.get("priority").asText()).isEqualTo("high");
        assertThat(body.get("journey").asText()).isEqualTo("service-recovery:1");
        assertThat(body.get("details").get("score").asInt()).isEqualTo(3);
        assertThat(body.get("createdAt").asText()).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(desk.describe()).isEqualTo("the service desk at http://127.0.0.1:" + server.getAddress().getPort() + "/api/tasks")
                .doesNotContain("s3cret");
    }

    @Test
    void withoutATokenNoAuthorizationAndAnAnswerWithoutIdHasNoReference() {
        answer.set("");
        status.set(204);
        assertThat(new WebhookServiceDesk(url, " ", Duration.ofSeconds(5), json).open(task())).isNull();
        assertThat(headers.getFirst()).containsEntry("Authorization", "null");
        answer.set("<html>ok</html>");
        status.set(200);
        assertThat(new WebhookServiceDesk(url, null, Duration.ofSeconds(5), json).open(task())).isNull();
    }

    @Test
    void busyOrFailingDesksAreTriedAgainAndRefusalsAreNot() {
        WebhookServiceDesk desk = new WebhookServiceDesk(url, null, Duration.ofSeconds(5), json);
        answer.set("{\"error\":\"maintenance\"}");
        for (int busy : List.of(503, 500, 429, 408)) {
            status.set(busy);
            assertThatThrownBy(() -> desk.open(task())).as("status %d", busy).isInstanceOf(ServiceDesk.Unavailable.class)
                    .hasMessageContaining(String.valueOf(busy));
        }
        for (int refused : List.of(400, 401, 403, 404, 422)) {
            status.set(refused);
            assertThatThrownBy(() -> desk.open(task())).as("status %d", refused).isInstanceOf(ServiceDesk.Refused.class)
                    .hasMessageContaining(String.valueOf(refused)).hasMessageNotContaining("maintenance");
        }
    }

    @Test
    void anUnreachableDeskIsTriedAgain() {
        server.stop(0);
        WebhookServiceDesk desk = new WebhookServiceDesk(url, null, Duration.ofSeconds(2), json);
        assertThatThrownBy(() -> desk.open(task())).isInstanceOf(ServiceDesk.Unavailable.class)
                .hasMessageContaining("not reachable");
    }

    @Test
    void theSandboxKeepsOneTaskPerIdOldestFirst() {
        SandboxServiceDesk sandbox = new SandboxServiceDesk();
        ServiceDeskTask first = task();
        assertThat(sandbox.open(first)).isEqualTo("sandbox-" + first.taskId());
        sandbox.open(first);
        ServiceDeskTask second = new ServiceDeskTask("sd-other", "customer-care", "normal", "cust-1002", "x", null,
                "service-recovery:1", 1L, Instant.parse("2026-12-07T10:00:00Z"));
        sandbox.open(second);
        assertThat(sandbox.tasks()).extracting(ServiceDeskTask::taskId).containsExactly(first.taskId(), "sd-other");
        for (int i = 0; i < SandboxServiceDesk.CAPACITY; i++) {
            sandbox.open(new ServiceDeskTask("sd-" + i, "q", "low", "c", "s", Map.of(), "j:1", i, Instant.EPOCH));
        }
        assertThat(sandbox.tasks()).hasSize(SandboxServiceDesk.CAPACITY).extracting(ServiceDeskTask::taskId)
                .doesNotContain(first.taskId(), "sd-other");
    }

    @Test
    void theUrlMustBeHttpOrHttps() {
        assertThatThrownBy(() -> new ServiceDeskProperties("ftp://desk.example/tasks", null, Duration.ofSeconds(1), false))
                .hasMessageContaining("touchpoint.service-desk.url must be an http or https URL");
        assertThat(new ServiceDeskProperties("", null, Duration.ofSeconds(1), false).sandbox()).isTrue();
        assertThat(new ServiceDeskProperties("https://desk.example/api/tasks", "t", Duration.ofSeconds(1), false))
                .hasToString("ServiceDeskProperties[url=https://desk.example/api/tasks, token=****, timeout=PT1S,"
                        + " sandboxInCluster=false]");
    }

    @Test
    void theTokenNeverCrossesTheNetworkInClearAndCredentialsNeverSitInTheUrl() {
        assertThatThrownBy(() -> new ServiceDeskProperties("http://desk.example/api/tasks", "t", Duration.ofSeconds(1), false))
                .hasMessageContaining("must use https for desk.example");
        assertThat(new ServiceDeskProperties("http://127.0.0.1:8089/tasks", "t", Duration.ofSeconds(1), false).sandbox())
                .as("plain http to a loopback address (a local adapter, the tests)").isFalse();
        assertThat(new ServiceDeskProperties("http://localhost:8089/tasks", "t", Duration.ofSeconds(1), false).sandbox()).isFalse();
        assertThatThrownBy(() -> new ServiceDeskProperties("https://agent:hunter2@desk.example/api/tasks", null,
                Duration.ofSeconds(1), false))
                .hasMessageContaining("must not carry a user or password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void aKeyInTheQueryIsNeverPrinted() {
        ServiceDeskProperties properties = new ServiceDeskProperties("https://desk.example:8443/api/tasks?api_key=K3Y-123",
                null, Duration.ofSeconds(1), false);

        assertThat(properties.toString()).doesNotContain("K3Y-123").contains("https://desk.example:8443/api/tasks?****");
        assertThat(new WebhookServiceDesk(URI.create(properties.url()), null, Duration.ofSeconds(1), new ObjectMapper()).describe())
                .isEqualTo("the service desk at https://desk.example:8443/api/tasks?****");
    }
}
