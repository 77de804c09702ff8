package dev.touchpoint.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.DeliveryStatusUpdate;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.delivery.TouchpointEvent;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application (engine, real touchpoint workers, customer context, sandbox providers) on one database: a
 * journey run leaves the complete, ordered evidence for its customer, with the reasons of a suppression (no consent)
 * and a deferral (quiet hours); the API needs the compliance role; erasure through the API leaves no personal data
 * readable anywhere while every chain still verifies. Run by {@link LedgerJourneyIT} (H2, the embedded default) and
 * {@link LedgerJourneyPostgresIT} (PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LedgerJourneyScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The application's settings for these scenarios, plus the overrides (e.g. another database). */
    static void isolated(DynamicPropertyRegistry registry, String... overrides) {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        List<String> all = new ArrayList<>(List.of(
                "touchpoint.journeys.location=" + Path.of("src/test/resources/journeys/ledger").toAbsolutePath(),
                // push is quiet around noon in the customer's zone; email and SMS are not (default 21:00-08:00)
                "touchpoint.context.quiet-hours.channels.PUSH=10:00-14:00",
                "touchpoint.ledger.encryption.master-key=" + Base64.getEncoder().encodeToString(key)));
        all.addAll(List.of(overrides));
        IsolatedApplication.register(registry, all.toArray(String[]::new));
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired CustomerContextStore customers;
    @Autowired SandboxMailServer mailbox;
    @Autowired ApplicationEventPublisher events;
    @Autowired TestRestTemplate http;
    @Autowired DataSource dataSource;

    @Test
    void aJourneyRunLeavesTheFullOrderedEvidenceWithReasons() throws Exception {
        String customer = customer("journey", "Ana", "signup-form-4711");
        EngineRecords records = EngineRecords.of(engine);
        long instance = client.newCreateInstanceCommand().bpmnProcessId("ledger-evidence").latestVersion()
                .variables(Map.of("customerId", customer, "campaignId", "ledger-it-campaign", "offerCode", "WELCOME15",
                        "offerPercent", 15, "offerExpires", LocalDate.now().plusDays(30).toString()))
                .send().join().getProcessInstanceKey();

        await().until(() -> records.elementActivated(instance, "await-click"));
        client.newPublishMessageCommand().messageName("ledger-evidence.clicked").correlationKey(customer)
                .timeToLive(Duration.ofMinutes(1)).send().join();
        await().atMost(Duration.ofSeconds(60)).until(() -> records.instanceCompleted(instance));
        assertThat(records.elementCompleted(instance, "gave-up")).as("the push was held back until the boundary timer").isTrue();
        assertThat(mailbox.messages()).anySatisfy(m -> assertThat(m.to()).contains(customer + "@example.com"));

        // a provider report arrives later (what a signed webhook publishes); it names the message, not the customer
        // (the attempt is recorded twice: STARTED before the provider call, SENT with the provider's id after it)
        String messageId = await().until(() -> entries("customerId=" + customer + "&kind=DELIVERY_ATTEMPT").stream()
                        .map(e -> e.path("providerMessageId").asText("")).filter(id -> !id.isBlank()).toList(),
                list -> !list.isEmpty()).getFirst();
        events.publishEvent(new DeliveryStatusReported(new DeliveryStatusUpdate(Channel.EMAIL, messageId, DeliveryStatus.OPENED,
                "open", Instant.now(), null, null, null, null)));

        List<JsonNode> timeline = await().atMost(Duration.ofSeconds(30)).until(() -> entries("customerId=" + customer),
                list -> list.stream().anyMatch(kind("JOURNEY_ENDED")) && list.stream().anyMatch(kind("PROVIDER_STATUS")));

        // the evidence, in order
        List<String> story = timeline.stream().filter(e -> !e.path("kind").asText().equals("JOURNEY_STEP"))
                .map(LedgerJourneyScenarios::label).toList();
        assertThat(story).containsExactly(
                "CONSENT_CHANGE EMAIL GRANTED",
                "CONSENT_CHANGE PUSH GRANTED",
                "JOURNEY_STARTED ledger-evidence",
                "DECISION EMAIL SEND",
                "DELIVERY_ATTEMPT EMAIL STARTED",
                "DELIVERY_ATTEMPT EMAIL SENT",
                "DECISION SMS SUPPRESS NO_CONSENT",
                "MESSAGE_CORRELATED await-click",
                "TIMER_TRIGGERED short-pause",
                "DECISION PUSH DEFER QUIET_HOURS",
                "TIMER_TRIGGERED push-held-back",
                "JOURNEY_ENDED ledger-evidence",
                "PROVIDER_STATUS EMAIL OPENED");
        for (int i = 1; i < timeline.size(); i++) {
            assertThat(Instant.parse(timeline.get(i).path("occurredAt").asText()))
                    .isAfterOrEqualTo(Instant.parse(timeline.get(i - 1).path("occurredAt").asText()));
        }

        // every decision is recorded while its step was active, with the journey, template and content it concerned
        for (String step : List.of("send-email", "send-sms", "send-push")) {
            JsonNode decision = timeline.stream().filter(kind("DECISION")).filter(e -> e.path("elementId").asText().equals(step))
                    .findFirst().orElseThrow();
            Instant activated = at(timeline, step, "ACTIVATED");
            Instant ended = at(timeline, step, step.equals("send-push") ? "TERMINATED" : "COMPLETED");
            assertThat(Instant.parse(decision.path("occurredAt").asText())).isBetween(activated, ended);
            assertThat(decision.path("processId").asText()).isEqualTo("ledger-evidence");
            assertThat(decision.path("processVersion").asInt()).isPositive();
            assertThat(decision.path("processInstanceKey").asLong()).isEqualTo(instance);
            assertThat(decision.path("templateId").asText()).isEqualTo("welcome");
            assertThat(decision.path("idempotencyKey").asText()).isNotBlank();
        }
        JsonNode send = find(timeline, "DECISION EMAIL SEND");
        assertThat(send.path("consentSnapshot").path("consents").get(0).path("status").asText()).isEqualTo("GRANTED");
        assertThat(send.path("personal").path("consentProof.EMAIL.MARKETING").asText()).isEqualTo("signup-form-4711");
        JsonNode attempt = find(timeline, "DELIVERY_ATTEMPT EMAIL SENT");
        assertThat(attempt.path("contentSha256").asText()).matches("[0-9a-f]{64}");
        assertThat(attempt.path("templateVersion").asText()).isNotBlank();
        assertThat(attempt.path("idempotencyKey").asText()).isEqualTo(send.path("idempotencyKey").asText());
        JsonNode suppressed = find(timeline, "DECISION SMS SUPPRESS NO_CONSENT");
        assertThat(suppressed.path("consentSnapshot").path("consents")).isEmpty();
        assertThat(suppressed.path("personal").path("detail").asText()).contains("consent");
        JsonNode deferred = find(timeline, "DECISION PUSH DEFER QUIET_HOURS");
        assertThat(Instant.parse(deferred.path("until").asText())).isAfter(Instant.now());
        assertThat(find(timeline, "PROVIDER_STATUS EMAIL OPENED").path("elementId").asText()).as("matched to its send").isEqualTo("send-email");

        // queries by campaign, journey, channel and decision find the same evidence
        assertThat(entries("campaign=ledger-it-campaign&decision=DEFER")).singleElement()
                .satisfies(e -> assertThat(e.path("customerId").asText()).isEqualTo(customer));
        assertThat(entries("journey=ledger-evidence&channel=sms&customerId=" + customer)).extracting(e -> e.path("decision").asText())
                .containsExactly("SUPPRESS");
        assertThat(entries("customerId=" + customer + "&kind=JOURNEY_STEP&size=5")).hasSize(5);

        // exports and verification over HTTP
        String csv = get("/api/ledger/export?format=csv&customerId=" + customer, Roles.COMPLIANCE).getBody();
        assertThat(csv.lines().count()).isEqualTo(timeline.size() + 1);
        String jsonl = get("/api/ledger/export?format=jsonl&customerId=" + customer, Roles.ADMIN).getBody();
        assertThat(jsonl.lines().map(this::tree).map(LedgerJourneyScenarios::label).toList())
                .containsExactlyElementsOf(timeline.stream().map(LedgerJourneyScenarios::label).toList());
        JsonNode verified = tree(get("/api/ledger/verify?chain=" + customer, Roles.COMPLIANCE).getBody());
        assertThat(verified.path("intact").asBoolean()).isTrue();
        assertThat(verified.path("entriesChecked").asInt()).isEqualTo(timeline.size());
    }

    /** The product name the application's database must report ({@code H2}, {@code PostgreSQL}). */
    abstract String expectedDatabase();

    @Test
    void theApplicationRunsOnTheDatabaseUnderTest() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabase());
        }
    }

    @Test
    void theLedgerApiNeedsTheComplianceOrAdminRole() {
        assertThat(get("/api/ledger/entries", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("/api/ledger/entries", Roles.MARKETING).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/ledger/verify", Roles.OPERATOR).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange(HttpMethod.POST, "/api/ledger/customers/nobody/erase", Roles.DESIGNER).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/ledger/entries?size=1", Roles.COMPLIANCE).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/api/ledger/entries?size=1", Roles.ADMIN).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/api/ledger/entries?from=yesterday", Roles.ADMIN).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/ledger/entries?decision=MAYBE", Roles.ADMIN).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void erasureThroughTheApiLeavesNoPersonalDataReadableAndTheChainStillVerifies() throws Exception {
        String customer = customer("erase", "Zoë Ærø", "pc-token-a9f3e1");
        String phone = customers.findProfile(customer).orElseThrow().phone();
        events.publishEvent(new TouchpointEvent.Suppressed(new TouchpointEvent.Header(customer, customer + ":sms",
                "ledger-evidence:1", 42L, "send-sms", Channel.SMS, "welcome", "1.0.0", null, Instant.now(), ""),
                "NO_CONSENT", "no MARKETING consent on SMS for " + phone));
        JsonNode before = tree(get("/api/ledger/customers/" + customer + "/access-export", Roles.COMPLIANCE).getBody());
        assertThat(before.path("context").path("profile").path("givenName").asText()).isEqualTo("Zoë Ærø");
        assertThat(before.path("entries").toString()).contains("pc-token-a9f3e1", phone);
        assertThat(before.path("entries").get(0).path("summary").asText()).startsWith("Consent GRANTED for EMAIL MARKETING");

        ResponseEntity<String> erased = exchange(HttpMethod.POST, "/api/ledger/customers/" + customer + "/erase", Roles.COMPLIANCE);
        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = tree(erased.getBody());
        assertThat(report.path("contextErased").asBoolean()).isTrue();
        assertThat(report.path("keysDestroyed").asInt()).isEqualTo(1);
        assertThat(report.path("sealedEntries").asInt()).isEqualTo(3);

        JsonNode after = tree(get("/api/ledger/customers/" + customer + "/access-export", Roles.COMPLIANCE).getBody());
        assertThat(after.path("context").isNull() || after.path("context").isMissingNode()).isTrue();
        assertThat(after.path("personalDataErased").asBoolean()).isTrue();
        assertThat(after.toString()).doesNotContain("pc-token-a9f3e1", phone, "Zoë", customer + "@example.com");
        assertThat(after.path("entries").get(after.path("entries").size() - 1).path("entry").path("kind").asText()).isEqualTo("ERASED");
        for (String secret : List.of("pc-token-a9f3e1", phone, "Zoë", customer + "@example.com")) {
            assertThat(DatabaseScan.columnsContaining(dataSource, secret)).as("database columns holding %s", secret).isEmpty();
        }
        assertThat(customers.findContext(customer)).isEmpty();
        JsonNode verified = tree(get("/api/ledger/verify?chain=" + customer, Roles.COMPLIANCE).getBody());
        assertThat(verified.path("intact").asBoolean()).isTrue();
        // erasing again changes nothing
        assertThat(tree(exchange(HttpMethod.POST, "/api/ledger/customers/" + customer + "/erase", Roles.ADMIN).getBody())
                .path("erasedEntrySeq").asLong()).isEqualTo(report.path("erasedEntrySeq").asLong());
    }

    @Test
    void verifyOverHttpPinpointsAnEntryAlteredInTheDatabase() throws Exception {
        String customer = customer("tamper", "Kim", "proof-1");
        for (int i = 0; i < 3; i++) {
            events.publishEvent(new TouchpointEvent.Deferred(new TouchpointEvent.Header(customer, customer + ":" + i,
                    "ledger-evidence:1", 7L + i, "send-push", Channel.PUSH, "welcome", null, null, Instant.now(), ""),
                    "QUIET_HOURS", Instant.now().plusSeconds(3600)));
        }
        List<JsonNode> entries = entries("customerId=" + customer + "&decision=DEFER");
        assertThat(entries).hasSize(3);
        long target = entries.get(1).path("id").asLong();
        new JdbcTemplate(dataSource).update("UPDATE ledger_entry SET reason = 'BUDGET_EXHAUSTED' WHERE id = ?", target);

        JsonNode report = tree(get("/api/ledger/verify?chain=" + customer, Roles.COMPLIANCE).getBody());
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("firstBroken").path("entryId").asLong()).isEqualTo(target);
        assertThat(report.path("firstBroken").path("problem").asText()).isEqualTo("CONTENT_ALTERED");
        assertThat(report.path("firstBroken").path("seq").asLong()).isEqualTo(entries.get(1).path("seq").asLong());
        new JdbcTemplate(dataSource).update("UPDATE ledger_entry SET reason = 'QUIET_HOURS' WHERE id = ?", target);
        assertThat(tree(get("/api/ledger/verify?chain=" + customer, Roles.COMPLIANCE).getBody()).path("intact").asBoolean()).isTrue();
    }

    // ---- helpers

    private String customer(String prefix, String givenName, String consentProof) {
        String id = "ledger-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(new CustomerProfile(id, givenName, "Tester", Locale.ENGLISH, zoneWhereItIs(12), id + "@example.com",
                String.format("+49151%07d", Math.abs(id.hashCode() % 10_000_000)), List.of("device-" + UUID.randomUUID()), null, null,
                Map.of(), ChannelPreferences.NONE, null));
        Instant now = Instant.now();
        customers.recordConsent(new ConsentChange(id, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, consentProof, now.minusMillis(2)));
        customers.recordConsent(new ConsentChange(id, Channel.PUSH, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, consentProof, now.minusMillis(1)));
        return id;
    }

    /** A zone where it is now about {@code hour} o'clock. */
    private static ZoneId zoneWhereItIs(int hour) {
        return dev.touchpoint.TestClock.zoneWhereItIs(hour, java.time.Instant.now());
    }

    private List<JsonNode> entries(String query) throws Exception {
        ResponseEntity<String> response = get("/api/ledger/entries?" + (query.contains("size=") ? "" : "size=1000&") + query, Roles.COMPLIANCE);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return StreamSupport.stream(JSON.readTree(response.getBody()).path("entries").spliterator(), false).toList();
    }

    private ResponseEntity<String> get(String path, String role) {
        return exchange(HttpMethod.GET, path, role);
    }

    private ResponseEntity<String> exchange(HttpMethod method, String path, String role) {
        HttpHeaders headers = new HttpHeaders();
        if (role != null) {
            headers.set(HttpHeaders.AUTHORIZATION, TestUsers.authorization(role));
            headers.set(TestUsers.PROGRAM_HEADER[0], TestUsers.PROGRAM_HEADER[1]);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    private JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static Predicate<JsonNode> kind(String kind) {
        return e -> e.path("kind").asText().equals(kind);
    }

    private static String label(JsonNode e) {
        List<String> parts = new ArrayList<>();
        parts.add(e.path("kind").asText());
        switch (e.path("kind").asText()) {
            case "CONSENT_CHANGE" -> {
                parts.add(e.path("channel").asText());
                parts.add(e.path("outcome").asText());
            }
            case "JOURNEY_STARTED", "JOURNEY_ENDED" -> parts.add(e.path("processId").asText());
            case "DECISION" -> {
                parts.add(e.path("channel").asText());
                parts.add(e.path("decision").asText());
                if (e.hasNonNull("reason")) {
                    parts.add(e.path("reason").asText());
                }
            }
            case "DELIVERY_ATTEMPT", "PROVIDER_STATUS" -> {
                parts.add(e.path("channel").asText());
                parts.add(e.path("outcome").asText());
            }
            default -> parts.add(e.path("elementId").asText());
        }
        return String.join(" ", parts);
    }

    private static JsonNode find(List<JsonNode> timeline, String label) {
        return timeline.stream().filter(e -> label(e).equals(label)).findFirst().orElseThrow(() -> new AssertionError("no " + label));
    }

    private static Instant at(List<JsonNode> timeline, String element, String outcome) {
        return timeline.stream().filter(kind("JOURNEY_STEP"))
                .filter(e -> e.path("elementId").asText().equals(element) && e.path("outcome").asText().equals(outcome))
                .map(e -> Instant.parse(e.path("occurredAt").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + element + " " + outcome));
    }
}
