package dev.touchpoint.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.email.sandbox.SandboxEmailSummary;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile text as customer data (an import) and as event data (the event API), through real journeys to the email a
 * relay receives: template syntax is printed, never evaluated; markup is escaped; no line break ever reaches a header;
 * invisible control and direction characters never reach a message; what is refused is refused with the field named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InjectionCorpusIT {

    static final String SHOP_KEY = "it-injection-shop-key";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Accepted as data, and printed harmlessly. */
    static final List<String> PRINTABLE = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "{{brand.legalName}}",
            "{{#each brand}}x{{/each}}",
            "${T(java.lang.Runtime).getRuntime()}",
            "#{7*7}",
            "Ｅｖｅ аdmin");

    /** Refused where a person's name is one line of visible text. */
    static final List<String> REFUSED_IN_NAMES = List.of(
            "Eve\r\nBcc: evil@example.com",
            "Eve\u2028Subject: you won",
            "\u202Egnp.exe",
            "Eve\u001B[31m");

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry, "touchpoint.ingress.sources.shop.api-keys=" + SHOP_KEY);
    }

    @LocalServerPort int port;
    @Autowired SandboxMailServer mailbox;
    @Autowired EngineRuntime engine;
    @Autowired ObjectMapper json;

    @AfterAll
    static void close() {
        HTTP.close();
    }

    @Test
    void hostileNamesAndCartItemsArePrintedEscapedNeverEvaluatedAndNeverSplitAHeader() throws Exception {
        ZoneId noon = zoneWhereItIs(12);
        List<String> ids = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (String payload : PRINTABLE) {
            String id = "inj-" + UUID.randomUUID().toString().substring(0, 8);
            ids.add(id);
            rows.append(row(id, payload, noon)).append('\n');
        }
        JsonNode imported = json.readTree(api("POST", "/api/customers/import?source=hostile.jsonl", rows.toString(),
                "application/x-ndjson").body());
        assertThat(imported.get("accepted").asInt()).as(imported.toString()).isEqualTo(PRINTABLE.size());

        for (int i = 0; i < ids.size(); i++) {
            String item = PRINTABLE.get(i);
            String cart = "{\"items\":[{\"name\":" + json.writeValueAsString(item) + ",\"quantity\":1,"
                    + "\"price\":{\"amount\":\"9.90\",\"currency\":\"EUR\"}}],\"total\":{\"amount\":\"9.90\",\"currency\":\"EUR\"},"
                    + "\"url\":\"https://shop.example/cart/" + ids.get(i) + "\"}";
            JsonNode result = event("cart.abandoned", ids.get(i), "{\"cart\":" + cart + "}");
            assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("ACCEPTED");
        }
        EngineRecords records = EngineRecords.of(engine);
        for (String id : ids) {
            long instance = await().until(() -> records.instanceFor("abandoned-cart", id), java.util.Optional::isPresent).orElseThrow();
            await().until(() -> records.timerCreated(instance, "one-hour-passed"));
        }
        engine.clock().orElseThrow().advance(Duration.ofHours(1).plusMinutes(1));

        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String payload = PRINTABLE.get(i);
            SandboxEmailSummary summary = await().until(() -> mailbox.messages().stream()
                    .filter(m -> m.to().contains(id + "@example.com")).findFirst(), java.util.Optional::isPresent).orElseThrow();
            byte[] raw = mailbox.raw(summary.id()).orElseThrow();
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(raw));
            String where = "payload " + payload;

            assertThat(mime.getRecipients(Message.RecipientType.BCC)).as(where).isNull();
            assertThat(headerNames(mime)).as(where).doesNotContain("Bcc", "X-Injected");
            assertThat(mime.getSubject()).as(where).doesNotContain("\r", "\n");
            String html = part(mime, "text/html");
            assertThat(html).as(where + ": markup escaped").doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
            if (payload.contains("<")) {
                assertThat(html).as(where).contains("&lt;");
            }
            String text = part(mime, "text/plain");
            assertThat(text).as(where + ": printed as text, not evaluated").contains(payload);
            assertThat(text).as(where).doesNotContain("Aster & Oak GmbH x");
        }
    }

    @Test
    void controlCharactersAndDirectionOverridesInNamesAreRefusedWithTheFieldNamed() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (String payload : REFUSED_IN_NAMES) {
            rows.append(row("ref-" + UUID.randomUUID().toString().substring(0, 8), payload, ZoneOffset.UTC)).append('\n');
        }
        JsonNode report = json.readTree(api("POST", "/api/customers/import?source=hostile.jsonl", rows.toString(),
                "application/x-ndjson").body());
        assertThat(report.get("rejected").asInt()).as(report.toString()).isEqualTo(REFUSED_IN_NAMES.size());
        for (JsonNode error : report.get("errors")) {
            assertThat(error.get("field").asText()).isEqualTo("givenName");
            assertThat(error.get("reason").asText()).containsAnyOf("control character", "direction override");
        }
        // and through the API one at a time, as a 400 naming the field
        ObjectNode body = json.createObjectNode().put("givenName", REFUSED_IN_NAMES.getFirst()).put("email", "x@example.com");
        HttpResponse<String> put = api("PUT", "/api/customers/ref-api", body.toString(), "application/json");
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(json.readTree(put.body()).get("violations").get(0).get("field").asText()).isEqualTo("givenName");
    }

    @Test
    void hostileEventEnvelopesAreRejectedNamingTheField() throws Exception {
        String body = "[{\"type\":\"cart.abandoned\",\"customerId\":\"a\\r\\nb\",\"occurredAt\":\"" + ZonedDateTime.now(ZoneOffset.UTC)
                .toInstant() + "\",\"idempotencyKey\":\"k-1\",\"data\":{}},"
                + "{\"type\":\"{{brand.legalName}}\",\"customerId\":\"c-1\",\"occurredAt\":\"" + ZonedDateTime.now(ZoneOffset.UTC)
                .toInstant() + "\",\"idempotencyKey\":\"k-2\",\"data\":{}}]";
        HttpResponse<String> response = events(body);
        JsonNode results = json.readTree(response.body()).get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(results.get(0).get("field").asText()).isEqualTo("customerId");
        assertThat(results.get(1).get("status").asText()).isEqualTo("REJECTED");
        assertThat(results.get(1).get("field").asText()).isEqualTo("type");
        assertThat(response.body()).doesNotContain("Aster & Oak");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private String row(String id, String givenName, ZoneId zone) throws Exception {
        ObjectNode row = json.createObjectNode().put("id", id).put("givenName", givenName).put("locale", "en")
                .put("timeZone", zone.getId()).put("email", id + "@example.com");
        row.putObject("consents").put("email.marketing", "granted");
        return json.writeValueAsString(row);
    }

    private static List<String> headerNames(MimeMessage mime) throws Exception {
        List<String> names = new ArrayList<>();
        Enumeration<jakarta.mail.Header> headers = mime.getAllHeaders();
        for (jakarta.mail.Header header : Collections.list(headers)) {
            names.add(header.getName());
        }
        return names;
    }

    /** One alternative of the message, decoded. */
    private static String part(MimeMessage mime, String type) throws Exception {
        jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) mime.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(type)) {
                return (String) multipart.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** A zone where it is about {@code hour} o'clock now (the application's clock is the machine's here). */
    private static ZoneId zoneWhereItIs(int hour) {
        return dev.touchpoint.TestClock.zoneWhereItIs(hour, java.time.Instant.now());
    }

    private JsonNode event(String type, String customerId, String data) throws Exception {
        String body = "{\"type\":\"" + type + "\",\"customerId\":\"" + customerId + "\",\"occurredAt\":\""
                + ZonedDateTime.now(ZoneOffset.UTC).toInstant() + "\",\"idempotencyKey\":\"" + UUID.randomUUID() + "\",\"data\":" + data + "}";
        return json.readTree(events(body).body()).get("results").get(0);
    }

    private HttpResponse<String> events(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Touchpoint-Source", "shop").header("X-Touchpoint-Api-Key", SHOP_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String method, String path, String body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .header("Authorization", TestUsers.authorization(Roles.MARKETING))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
