package dev.touchpoint.context;

import dev.touchpoint.RepositoryPaths;
import dev.touchpoint.campaign.Campaigns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.FailingWrites;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.campaign.CampaignDefinition;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.delivery.internal.RecipientResolver;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.ledger.internal.ConsentEvidenceRelay;
import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Consent on the whole application, with the application's clock pinned far from the machine's (and moved by the
 * test): a withdrawal always wins, a grant after it needs fresh proof, timestamps from the future are refused, vendor
 * callbacks and the unsubscribe page never lose or misreport a withdrawal, a consent change and its evidence are
 * durable together, erasure cannot bring contact back, and the README's quick start shows what happened at any hour.
 * Write failures are real: a database trigger refuses inserts into a table while the test says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsentHardeningIT {

    static final String SHOP_KEY = "it-consent-shop-key";
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    /** 02:00 in São Paulo on a day far from whenever the suite runs; the clock ticks from there. */
    static final TestClock CLOCK = TestClock.ticking(ZonedDateTime.of(2031, 2, 11, 2, 0, 0, 0, SAO_PAULO).toInstant());
    static final AtomicInteger CUSTOMERS = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestConfiguration
    static class PinnedClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry,
                "touchpoint.context.samples.enabled=true",
                "touchpoint.context.samples.location=" + Path.of(RepositoryPaths.home())
                        .resolve("config/samples/customers.jsonl").toAbsolutePath(),
                "touchpoint.ingress.sources.shop.api-keys=" + SHOP_KEY,
                // the relay is driven by the test
                "touchpoint.ledger.consent-evidence-relay.interval=1h");
    }

    @LocalServerPort int port;
    @Autowired CustomerContextStore customers;
    @Autowired JdbcTemplate jdbc;
    @Autowired TwilioSandbox twilio;
    @Autowired SandboxMailServer mailbox;
    @Autowired RecipientResolver recipients;
    @Autowired ConsentEvidenceRelay relay;
    @Autowired MeterRegistry meters;
    @Autowired Campaigns campaigns;
    @Autowired EngineRuntime engine;
    @Autowired ObjectMapper json;

    @BeforeEach
    void triggers() {
        FailingWrites.install(jdbc, "customer_consent", "ledger_entry");
    }

    @AfterEach
    void heal() {
        FailingWrites.healAll();
    }

    @AfterAll
    static void close() {
        HTTP.close();
    }

    // ------------------------------------------------------------------------------------------- withdrawal wins

    @Test
    void aGrantDatedAheadNeverBlocksAStopOrAnUnsubscribeAndAStartWithProofGrantsAgain() throws Exception {
        String id = customer(SAO_PAULO);
        String phone = customers.findProfile(id).orElseThrow().phone();
        // within the allowed skew, dated 4 minutes ahead (a shop whose clock runs fast)
        Instant ahead = CLOCK.instant().plus(Duration.ofMinutes(4));
        assertThat(putConsent(id, "sms", "marketing", "granted", "API", ahead).statusCode()).isEqualTo(200);
        assertThat(putConsent(id, "email", "marketing", "granted", "API", ahead).statusCode()).isEqualTo(200);

        assertThat(twilio.simulateInbound(phone, "+15005550006", "STOP")).isEqualTo(200);
        assertThat(consent(id, Channel.SMS, Purpose.MARKETING)).isEqualTo(ConsentStatus.WITHDRAWN);

        HttpResponse<String> unsubscribed = post("/t/unsubscribe?t=" + recipients.unsubscribeToken(id, Channel.EMAIL), "", Map.of());
        assertThat(unsubscribed.statusCode()).isEqualTo(200);
        assertThat(unsubscribed.body()).contains("You are unsubscribed");
        assertThat(consent(id, Channel.EMAIL, Purpose.MARKETING)).isEqualTo(ConsentStatus.WITHDRAWN);
        HttpResponse<String> again = post("/t/unsubscribe?t=" + recipients.unsubscribeToken(id, Channel.EMAIL), "", Map.of());
        assertThat(again.body()).as("a second click says since when").contains("You are unsubscribed since");

        // a plain grant (a CRM sync) cannot undo it; the customer's own START can
        HttpResponse<String> sync = putConsent(id, "sms", "marketing", "granted", "API", CLOCK.instant().plusSeconds(1));
        assertThat(sync.statusCode()).isEqualTo(409);
        assertThat(json.readTree(sync.body()).get("detail").asText()).contains("fresh proof");
        CLOCK.advance(Duration.ofMinutes(10));
        assertThat(twilio.simulateInbound(phone, "+15005550006", "START")).isEqualTo(200);
        assertThat(consent(id, Channel.SMS, Purpose.MARKETING)).isEqualTo(ConsentStatus.GRANTED);
        // and the preference centre, with its proof, for the email
        HttpResponse<String> preference = putConsent(id, "email", "marketing", "granted", "PREFERENCE_CENTER", CLOCK.instant());
        assertThat(preference.statusCode()).isEqualTo(200);
        assertThat(json.readTree(preference.body()).get("outcome").asText()).isEqualTo("APPLIED");
    }

    @Test
    void timestampsFromTheFutureAreRefusedNamingTheField() throws Exception {
        String id = customer(SAO_PAULO);
        Instant later = CLOCK.instant().plus(Duration.ofHours(3));

        HttpResponse<String> api = putConsent(id, "email", "marketing", "granted", "API", later);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(json.readTree(api.body()).get("violations").get(0).get("field").asText()).isEqualTo("at");

        String row = "{\"id\":\"" + id + "\",\"consentAt\":\"" + later + "\",\"consents\":{\"email.marketing\":\"granted\"}}";
        JsonNode report = json.readTree(send("POST", "/api/customers/import?source=crm.jsonl", row, "application/x-ndjson", Roles.MARKETING).body());
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("field").asText()).isEqualTo("consentAt");
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(1);

        String event = "{\"type\":\"consent.changed\",\"customerId\":\"" + id + "\",\"occurredAt\":\"" + later
                + "\",\"idempotencyKey\":\"future-" + id + "\",\"data\":{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"granted\"}}";
        JsonNode result = json.readTree(postEvent(event).body()).get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("REJECTED");
        assertThat(result.get("field").asText()).isEqualTo("occurredAt");
        assertThat(result.get("reason").asText()).contains("future");

        assertThat(customers.findContext(id).flatMap(c -> c.consent(Channel.EMAIL, Purpose.MARKETING)).orElseThrow().at())
                .as("nothing was recorded: the grant in force is the one of a month ago").isBefore(CLOCK.instant().minus(Duration.ofDays(29)));
    }

    // ------------------------------------------------------------------------------------------- vendor callbacks

    @Test
    void aStopWhileTheLedgerOrTheContextFailsIsAnswered503AndTwiliosRedeliveryAppliesIt() {
        for (String failing : List.of("ledger_entry", "customer_consent")) {
            String id = customer(SAO_PAULO);
            String phone = customers.findProfile(id).orElseThrow().phone();
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            String token = UUID.randomUUID().toString();

            FailingWrites.fail(failing);
            assertThat(twilio.simulateInbound(phone, "+15005550006", "STOP", sid, token)).as(failing).isEqualTo(503);
            FailingWrites.heal(failing);

            assertThat(twilio.simulateInbound(phone, "+15005550006", "STOP", sid, token)).as(failing).isEqualTo(200);
            assertThat(consent(id, Channel.SMS, Purpose.MARKETING)).as(failing).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(consentEvidence(id, "SMS", "WITHDRAWN")).as("evidence once, " + failing).isEqualTo(2); // both purposes
            assertThat(twilio.simulateInbound(phone, "+15005550006", "STOP", sid, token)).as("handled once").isEqualTo(200);
            assertThat(consentEvidence(id, "SMS", "WITHDRAWN")).isEqualTo(2);
            assertThat(pendingEvidence(id)).isZero();
        }
    }

    @Test
    void anUnsubscribeThatCannotBeRecordedShowsAnErrorNeverASuccess() {
        String id = customer(SAO_PAULO);
        double before = failedWithdrawals();
        String path = "/t/unsubscribe?t=" + recipients.unsubscribeToken(id, Channel.EMAIL);

        FailingWrites.fail("customer_consent");
        HttpResponse<String> failed = post(path, "", Map.of());
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        assertThat(failed.body()).contains("not yet").doesNotContain("You are unsubscribed");
        assertThat(failedWithdrawals()).isEqualTo(before + 1);
        assertThat(consent(id, Channel.EMAIL, Purpose.MARKETING)).isEqualTo(ConsentStatus.GRANTED);

        FailingWrites.heal("customer_consent");
        HttpResponse<String> retried = post(path, "", Map.of());
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("You are unsubscribed");
        assertThat(consent(id, Channel.EMAIL, Purpose.MARKETING)).isEqualTo(ConsentStatus.WITHDRAWN);
    }

    // ------------------------------------------------------------------------------------------- durable together

    @Test
    void aConsentChangeWhoseEvidenceFailsIsRetriedIdempotentlyOrRelayedAndRecordedOnce() throws Exception {
        String id = customer(SAO_PAULO);
        Instant at = CLOCK.instant();

        FailingWrites.fail("ledger_entry");
        HttpResponse<String> failed = putConsent(id, "email", "marketing", "withdrawn", "API", at);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(consent(id, Channel.EMAIL, Purpose.MARKETING)).as("a withdrawal takes effect at once").isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(pendingEvidence(id)).as("its evidence waits in the outbox").isEqualTo(1);
        FailingWrites.heal("ledger_entry");

        HttpResponse<String> retried = putConsent(id, "email", "marketing", "withdrawn", "API", at);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json.readTree(retried.body()).get("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(json.readTree(retried.body()).get("inForce").get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(consentEvidence(id, "EMAIL", "WITHDRAWN")).isEqualTo(1);
        assertThat(pendingEvidence(id)).isZero();

        // nobody retries this one: the relay records it (a row is relayed once it was pending in two passes)
        FailingWrites.fail("ledger_entry");
        assertThat(putConsent(id, "sms", "marketing", "withdrawn", "API", CLOCK.instant()).statusCode()).isEqualTo(503);
        FailingWrites.heal("ledger_entry");
        relay.pass();
        relay.pass();
        assertThat(consentEvidence(id, "SMS", "WITHDRAWN")).isEqualTo(1);
        assertThat(pendingEvidence(id)).isZero();
        relay.pass();
        assertThat(consentEvidence(id, "SMS", "WITHDRAWN")).as("never twice").isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------- erasure

    @Test
    void erasureRemovesEverythingKeptElsewhereAndAReImportCannotBringConsentBack() throws Exception {
        ZoneId noon = zoneWhereItIs(12);
        String id = customer(noon);
        String email = customers.findProfile(id).orElseThrow().email();
        String campaign = campaigns.define(new CampaignDefinition("Erasure", "winback-campaign", null, Map.of(), null, null, null, 5), "test");
        campaigns.upload(campaign, new ByteArrayInputStream(id.getBytes(StandardCharsets.UTF_8)), false);
        HttpResponse<String> signedUp = postEvent(signedUp(id, "erase-" + id));
        assertThat(json.readTree(signedUp.body()).get("results").get(0).get("status").asText()).as(signedUp.body()).isEqualTo("ACCEPTED");
        await().until(() -> mailbox.messages().stream().anyMatch(m -> m.to().contains(email)));
        long instance = await().until(() -> EngineRecords.of(engine).instanceFor("welcome", id), java.util.Optional::isPresent).orElseThrow();
        await().until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journey_instance WHERE customer_id = ?", Long.class, id) > 0);

        HttpResponse<String> erased = send("POST", "/api/ledger/customers/" + id + "/erase", "", "application/json", Roles.COMPLIANCE);
        assertThat(erased.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(erased.body());
        JsonNode elsewhere = report.get("erasedElsewhere");
        assertThat(report.get("contextErased").asBoolean()).isTrue();
        assertThat(elsewhere.get("journey-instances-cancelled").asLong()).isEqualTo(1);
        assertThat(elsewhere.get("campaign-audience-rows").asLong()).isEqualTo(1);
        assertThat(elsewhere.get("email-sandbox").asLong()).isGreaterThanOrEqualTo(1);
        await().until(() -> EngineRecords.of(engine).instanceTerminated(instance));
        assertThat(mailbox.messages()).noneMatch(m -> m.to().contains(email));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_audience WHERE customer_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_journey_instance WHERE customer_id = ?", Long.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consent_suppression", Long.class)).isPositive();
        assertThat(jdbc.queryForList("SELECT address_hash FROM consent_suppression", String.class))
                .as("keyed hashes, never the address").noneMatch(hash -> hash.contains("@"));

        // the CRM still has her: re-imported, under the same id and under a new one, with "granted"
        String newId = id + "-again";
        String rows = "{\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"consents\":{\"email.marketing\":\"granted\"}}\n"
                + "{\"id\":\"" + newId + "\",\"email\":\"" + email + "\",\"consents\":{\"email.marketing\":\"granted\"}}";
        JsonNode imported = json.readTree(send("POST", "/api/customers/import?source=crm.jsonl", rows, "application/x-ndjson", Roles.MARKETING).body());
        assertThat(imported.get("accepted").asInt()).isEqualTo(2);
        assertThat(imported.get("warnings").toString()).contains("suppression list");
        assertThat(consent(id, Channel.EMAIL, Purpose.MARKETING)).isNull();
        assertThat(consent(newId, Channel.EMAIL, Purpose.MARKETING)).isNull();
        // an event cannot either
        JsonNode viaEvent = json.readTree(postEvent("{\"type\":\"consent.changed\",\"customerId\":\"" + newId + "\",\"occurredAt\":\""
                + CLOCK.instant() + "\",\"idempotencyKey\":\"regrant-" + newId + "\",\"data\":{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"granted\"}}")
                .body()).get("results").get(0);
        assertThat(viaEvent.get("status").asText()).isEqualTo("REJECTED");
        assertThat(viaEvent.get("reason").asText()).contains("suppression list");
        // her own double opt-in does
        assertThat(putConsent(newId, "email", "marketing", "granted", "DOUBLE_OPT_IN", CLOCK.instant()).statusCode()).isEqualTo(200);
        assertThat(consent(newId, Channel.EMAIL, Purpose.MARKETING)).isEqualTo(ConsentStatus.GRANTED);
    }

    // ------------------------------------------------------------------------------------------- quick start

    @Test
    void theReadmesQuickStartAtTwoInTheMorningShowsTheDeferralAndWhenItIsReleased() throws Exception {
        // the next 02:00 in São Paulo (the clock only moves forward: other tests keep their times)
        ZonedDateTime now = ZonedDateTime.ofInstant(CLOCK.instant(), SAO_PAULO);
        ZonedDateTime twoAm = now.toLocalTime().isBefore(LocalTime.of(2, 0)) ? now.with(LocalTime.of(2, 0)) : now.plusDays(1).with(LocalTime.of(2, 0));
        CLOCK.set(twoAm.toInstant());

        // README: the shop posts customer.signed-up for cust-1001 (Ana, São Paulo)
        HttpResponse<String> posted = postEvent(signedUp("cust-1001", "signup-cust-1001"));
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(posted.body()).get("results").get(0).get("status").asText()).as(posted.body()).isEqualTo("ACCEPTED");

        long instance = await().until(() -> EngineRecords.of(engine).instanceFor("welcome", "cust-1001"), java.util.Optional::isPresent).orElseThrow();
        await().until(() -> !EngineRecords.of(engine).failedJobs(instance).isEmpty());
        assertThat(EngineRecords.of(engine).failedJobs(instance).getFirst().getRetries()).as("a deferral uses no retry").isEqualTo(3);
        JsonNode welcome = await().until(() -> touchpoint("cust-1001", "welcome"), java.util.Objects::nonNull);
        assertThat(welcome.get("status").asText()).isEqualTo("DEFERRED");
        assertThat(welcome.get("reason").asText()).isEqualTo("QUIET_HOURS");
        OffsetDateTime releaseLocal = OffsetDateTime.parse(welcome.get("deferredUntilLocal").asText());
        assertThat(releaseLocal.toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(releaseLocal.toInstant()).isEqualTo(twoAm.with(LocalTime.of(8, 0)).toInstant());
        assertThat(welcome.get("timeZone").asText()).isEqualTo("America/Sao_Paulo");
        assertThat(mailbox.messages()).noneMatch(m -> m.to().contains("ana.silva@example.com"));

        // at 08:00 there, the engine retries the job and the welcome email goes out
        CLOCK.set(releaseLocal.toInstant().plusSeconds(30));
        engine.clock().orElseThrow().advance(Duration.between(twoAm.toInstant(), releaseLocal.toInstant()).plusMinutes(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> mailbox.messages().stream().anyMatch(m -> m.to().contains("ana.silva@example.com")));
        assertThat(await().until(() -> touchpoint("cust-1001", "welcome"), t -> t != null && !"DEFERRED".equals(t.get("status").asText()))
                .get("status").asText()).isIn("CONFIRMED", "PENDING");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private String customer(ZoneId zone) {
        int n = CUSTOMERS.incrementAndGet();
        String id = "hard-" + n + "-" + UUID.randomUUID().toString().substring(0, 6);
        customers.upsert(new CustomerProfile(id, "Rui", "Tester", java.util.Locale.ENGLISH, zone, id + "@example.com",
                String.format("+5511%09d", 900_000_000 + n), List.of(), null, null, Map.of(), ChannelPreferences.NONE, null));
        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
            customers.recordConsent(new ConsentChange(id, channel, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API,
                    "test", CLOCK.instant().minus(Duration.ofDays(30))));
        }
        return id;
    }

    /** A zone where the application's clock now reads about {@code hour} o'clock. */
    private static ZoneId zoneWhereItIs(int hour) {
        return dev.touchpoint.TestClock.zoneWhereItIs(hour, CLOCK.instant());
    }

    private ConsentStatus consent(String id, Channel channel, Purpose purpose) {
        return customers.findContext(id).flatMap(c -> c.consent(channel, purpose)).map(ConsentRecord::status).orElse(null);
    }

    private long consentEvidence(String id, String channel, String status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE customer_id = ? AND kind = 'CONSENT_CHANGE' AND channel = ? AND outcome = ?",
                Long.class, id, channel, status);
    }

    private long pendingEvidence(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM consent_evidence_pending WHERE customer_id = ?", Long.class, id);
    }

    private double failedWithdrawals() {
        var counter = meters.find("touchpoint.consent.withdrawals.failed").tag("source", "EMAIL_UNSUBSCRIBE").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode touchpoint(String id, String template) throws Exception {
        HttpResponse<String> response = send("GET", "/api/customers/" + id, null, null, Roles.MARKETING);
        for (JsonNode t : json.readTree(response.body()).get("touchpoints")) {
            // template ids carry their version: welcome@1.0.0
            if (t.path("template").asText().startsWith(template + "@")) {
                return t;
            }
        }
        return null;
    }

    private static String signedUp(String id, String key) {
        return "{\"type\":\"customer.signed-up\",\"customerId\":\"" + id + "\",\"occurredAt\":\"" + CLOCK.instant()
                + "\",\"idempotencyKey\":\"" + key + "\",\"data\":{\"offerCode\":\"WELCOME15\",\"offerPercent\":15,\"offerExpires\":\""
                + CLOCK.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(30) + "\"}}";
    }

    private HttpResponse<String> putConsent(String id, String channel, String purpose, String status, String source, Instant at) {
        String body = "{\"status\":\"" + status + "\",\"source\":\"" + source + "\",\"proof\":\"" + source.toLowerCase() + "-" + at.toEpochMilli()
                + "\",\"at\":\"" + at + "\"}";
        return send("PUT", "/api/customers/" + id + "/consent/" + channel + "/" + purpose, body, "application/json", Roles.COMPLIANCE);
    }

    private HttpResponse<String> postEvent(String body) {
        return post("/api/events", body, Map.of("Content-Type", "application/json", "X-Touchpoint-Source", "shop", "X-Touchpoint-Api-Key", SHOP_KEY));
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", TestUsers.authorization(role))
                .header(TestUsers.PROGRAM_HEADER[0], TestUsers.PROGRAM_HEADER[1])
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
