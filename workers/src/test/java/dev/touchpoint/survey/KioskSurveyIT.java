package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.KioskPage;
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
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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

        KioskPage page = KioskPage.connect("http://127.0.0.1:" + port, STORE, KIOSK, access.tokens().derivedToken(STORE, KIOSK));
        List<JsonNode> received = page.received();
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
            page.send("{\"type\":\"displayed\",\"deliveryId\":\"" + deliveryId + "\"}");
            await().until(() -> records.elementCompleted(asking, "ask"));

            // a face off the scale is not an answer; the second face is, once
            page.send("{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"ANSWER\",\"score\":9}");
            page.send("{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"ANSWER\",\"score\":2}");
            await().until(() -> received.stream().anyMatch(m -> m.path("type").asText().equals("ack")));
            page.send("{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"ANSWER\",\"score\":5}");

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
            page.close();
        }
    }
}
