package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.channel.kiosk.autoconfigure.KioskAccess;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The kiosk answer path end to end on the real application: a journey shows the CSAT survey on an in-store kiosk
 * (a WebSocket client on 127.0.0.1 plays the kiosk page: it confirms the screen like any screen and taps a face), the
 * answer is recorded as answered on KIOSK, the journey waiting for it hears it as survey.answered with channel
 * kiosk, and, the score being low, the service-recovery journey starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KioskSurveyIT {

    private static final String STORE = "berlin-mitte";
    private static final String KIOSK = "survey-it-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry);
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired CustomerContextStore customers;
    @Autowired KioskAccess access;
    @Autowired DataSource dataSource;
    @LocalServerPort int port;

    @BeforeAll
    static void journeys(@Autowired CamundaClient client) {
        client.newDeployResourceCommand()
                .addProcessModel(SurveyAnswersIT.asking("survey-kiosk-it", "touchpoint.kiosk.show", "csat-survey"),
                        "survey-kiosk-it.bpmn")
                .send().join();
    }

    @Test
    void aFaceTappedOnTheKioskAnswersTheSurveyOnceAndTheJourneyHearsIt() throws Exception {
        EngineRecords records = EngineRecords.of(engine);
        String customer = "kiosk-survey-it-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(new CustomerProfile(customer, "Kim", "Tester", Locale.GERMAN, TestClock.zoneWhereItIs(12, Instant.now()),
                customer + "@example.com", "+4915400000001", List.of(), "silver", STORE, Map.of(), ChannelPreferences.NONE, null));
        customers.recordConsent(new ConsentChange(customer, Channel.KIOSK, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, "integration test", Instant.now()));
        customers.checkIn(customer, STORE, Instant.now());

        List<JsonNode> received = new CopyOnWriteArrayList<>();
        WebSocket page = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port
                + "/kiosk/ws?store=" + STORE + "&kiosk=" + KIOSK + "&token="
                + URLEncoder.encode(access.tokens().derivedToken(STORE, KIOSK), StandardCharsets.UTF_8)), new Page(received)).join();
        try {
            await().until(() -> received.stream().anyMatch(m -> m.path("type").asText().equals("welcome")));
            long asking = client.newCreateInstanceCommand().bpmnProcessId("survey-kiosk-it").latestVersion()
                    .variables(Map.of("customerId", customer, "storeId", STORE, "kioskId", KIOSK))
                    .send().join().getProcessInstanceKey();

            JsonNode screen = await().until(() -> received.stream().filter(m -> m.path("type").asText().equals("screen"))
                    .findFirst(), java.util.Optional::isPresent).orElseThrow();
            assertThat(screen.path("survey").toString()).isEqualTo("{\"metric\":\"csat\",\"min\":1,\"max\":5,\"faces\":true}");
            assertThat(screen.path("actions").toString()).isEqualTo("[\"DISMISS\",\"ANSWER\"]");
            assertThat(screen.path("headline").asText()).isEqualTo("Wie zufrieden bist du mit deiner Bestellung?");
            assertThat(screen.path("html").asText()).doesNotContain("/t/s/").doesNotContain(customer);
            String deliveryId = screen.path("deliveryId").asText();
            page.sendText("{\"type\":\"displayed\",\"deliveryId\":\"" + deliveryId + "\"}", true).join();
            await().until(() -> records.elementCompleted(asking, "ask"));

            // a face off the scale is not an answer; the second face is, once
            page.sendText("{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"ANSWER\",\"score\":9}", true).join();
            page.sendText("{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"ANSWER\",\"score\":2}", true).join();
            await().until(() -> received.stream().anyMatch(m -> m.path("type").asText().equals("ack")));
            page.sendText("{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"ANSWER\",\"score\":5}", true).join();

            await().until(() -> records.instanceCompleted(asking));
            assertThat(records.elementCompleted(asking, "heard-the-answer")).isTrue();
            assertThat(records.variable(asking, "score")).contains("2");
            assertThat(records.variable(asking, "channel")).contains("\"kiosk\"");
            assertThat(records.variable(asking, "askedOn")).contains("\"kiosk\"");
            Map<String, Object> row = new JdbcTemplate(dataSource).queryForMap(
                    "SELECT score, answer_channel, channel FROM survey_invitation WHERE customer_id = ?", customer);
            assertThat(row).containsEntry("SCORE", 2).containsEntry("ANSWER_CHANNEL", "KIOSK").containsEntry("CHANNEL", "KIOSK");
            // CSAT 2 is low: the service recovery starts for this customer
            await().until(() -> records.instanceFor("service-recovery", customer).isPresent());
        } finally {
            page.abort();
        }
    }

    /** The kiosk page's side of the socket: keeps every message it receives. */
    private record Page(List<JsonNode> received, StringBuilder partial) implements WebSocket.Listener {

        Page(List<JsonNode> received) {
            this(received, new StringBuilder());
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
