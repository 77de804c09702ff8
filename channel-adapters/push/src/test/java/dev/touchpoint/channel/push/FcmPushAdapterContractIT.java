package dev.touchpoint.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.ChannelAdapterContract;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.PushContent;
import dev.touchpoint.channel.PushDeliveryReport;
import dev.touchpoint.channel.PushPriority;
import dev.touchpoint.channel.PushRecipients;
import dev.touchpoint.channel.PushTokenUnregistered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared adapter contract and FCM HTTP v1 at the wire: WireMock on a dynamic loopback port plays Google's OAuth
 * token endpoint and FCM; the real auth library signs a JWT with a key pair made for the test run.
 */
class FcmPushAdapterContractIT extends ChannelAdapterContract {

    static final String SEND = "/v1/projects/" + TestServiceAccount.PROJECT + "/messages:send";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String DEVICE = "fcm-token-cYm3dD1kS9e:APA91bHqV7xCkq0w9Q1oZbXh2LmN4uT6rS8dF0gJ";
    /** Short, so the timeout tests are quick; the delay of a stand-in that "stops answering" is well beyond it. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static WireMockServer fcm;
    private final List<PushTokenUnregistered> unregistered = new CopyOnWriteArrayList<>();
    private FcmCredentials credentials;
    private FcmPushAdapter adapter;

    @BeforeAll
    static void startWireMock() {
        fcm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        fcm.start();
        // the first request of a cold JVM (class loading, Jetty, TLS-free HTTP client set-up) can take longer than
        // the short read timeout the contract uses; warm both sides up once
        fcm.stubFor(post(urlEqualTo("/warm-up")).willReturn(aResponse().withStatus(204)));
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fcm.port() + "/warm-up"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    static void stopWireMock() {
        fcm.stop();
    }

    @BeforeEach
    void newAdapter() {
        credentials = credentials(fcm.port());
        adapter = adapter(credentials, fcm.port());
    }

    FcmCredentials credentials(int port) {
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = FcmPushAdapter.httpClient(base, Duration.ofSeconds(1));
        return FcmCredentials.fromServiceAccountJson(TestServiceAccount.keyFile(URI.create(base + TOKEN_PATH)), null,
                null, http, READ_TIMEOUT);
    }

    FcmPushAdapter adapter(FcmCredentials credentials, int port) {
        URI base = URI.create("http://127.0.0.1:" + port);
        return new FcmPushAdapter(credentials, base, FcmPushAdapter.httpClient(base, Duration.ofSeconds(1)),
                READ_TIMEOUT, false, IdempotencyGuard.withDefaults(), unregistered::add,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    protected ChannelAdapter adapter() {
        return adapter;
    }

    @Override
    protected OutboundMessage message(String idempotencyKey) {
        return new OutboundMessage(idempotencyKey, "cust-42", DEVICE,
                new PushContent("Your order is ready", "Pick it up at Berlin Mitte", null, Map.of()));
    }

    @Override
    protected void resetVendor() {
        fcm.resetAll();
        unregistered.clear();
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(200, "token-response.json")));
        vendorAccepts();
    }

    @Override
    protected void vendorRejectsRecipient() {
        answer(json(400, "error-invalid-token.json").withTransformers("response-template"));
    }

    @Override
    protected void vendorFailsTemporarily() {
        answer(json(503, "error-unavailable.json"));
    }

    @Override
    protected void vendorRejectsCredentials() {
        answer(json(401, "error-unauthenticated.json"));
    }

    @Override
    protected void vendorStopsAnswering() {
        answer(json(200, "message-sent.json").withFixedDelay(5_000));
    }

    @Override
    protected void vendorAccepts() {
        answer(json(200, "message-sent.json"));
    }

    @Override
    protected int acceptedByVendor() {
        return (int) fcm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(SEND))
                // the stub's answer is known when the request is journaled; the sent response and its timing are
                // recorded only after the client may already have read it
                .filter(e -> e.getResponseDefinition().getStatus() == 200)
                .count();
    }

    @Test
    void theRequestIsFcmHttpV1WithTheServiceAccountsBearerToken() {
        PushContent content = new PushContent("Dein Tisch ist frei 👋", "Komm zu Tisch 12 – 20 % Rabatt",
                URI.create("asteroak://tables/12"), Map.of("storeName", "Berlin Mitte"),
                URI.create("https://cdn.example.com/push/table.png"), "service", "table-12", "tables",
                Duration.ofHours(1), PushPriority.HIGH);

        DeliveryReceipt receipt = adapter.send(new OutboundMessage("pi-1:send-push", "cust-42", DEVICE, content));

        List<LoggedRequest> tokenRequests = fcm.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(tokenRequests).hasSize(1);
        Map<String, String> form = form(tokenRequests.getFirst().getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        JsonNode claims = TestServiceAccount.verifiedClaims(form.get("assertion"));
        assertThat(claims.path("iss").asText()).isEqualTo(TestServiceAccount.CLIENT_EMAIL);
        // Google's JWT grant names Google's token endpoint as the audience, wherever the request is sent
        assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");

        List<LoggedRequest> sends = fcm.findAll(postRequestedFor(urlEqualTo(SEND)));
        assertThat(sends).hasSize(1);
        LoggedRequest send = sends.getFirst();
        assertThat(send.getHeader("Authorization")).isEqualTo("Bearer ya29.c.contract-access-token");
        assertThat(send.getHeader("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(send.getBodyAsString()).satisfies(body -> assertThat(equalToJson("""
                {"message": {
                  "token": "%s",
                  "notification": {"title": "Dein Tisch ist frei 👋", "body": "Komm zu Tisch 12 – 20 %% Rabatt",
                                   "image": "https://cdn.example.com/push/table.png"},
                  "data": {"storeName": "Berlin Mitte", "deepLink": "asteroak://tables/12",
                           "touchpointKey": "pi-1:send-push"},
                  "android": {"priority": "HIGH", "ttl": "3600s", "collapse_key": "table-12",
                              "notification": {"channel_id": "service", "tag": "tables"}},
                  "apns": {"headers": {"apns-push-type": "alert", "apns-priority": "10",
                                       "apns-expiration": "%d", "apns-collapse-id": "table-12"},
                           "payload": {"aps": {"thread-id": "tables", "mutable-content": 1}},
                           "fcm_options": {"image": "https://cdn.example.com/push/table.png"}}
                }}""".formatted(DEVICE, NOW.plus(Duration.ofHours(1)).getEpochSecond()))
                .match(body).isExactMatch()).as(body).isTrue());

        assertThat(receipt.providerMessageId())
                .isEqualTo("projects/touchpoint-test/messages/0:1500415314455276%31bd1c9631bd1c96");
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(receipt.acceptedAt()).isEqualTo(NOW);
    }

    @Test
    void theAccessTokenIsCachedAndRefreshedAfterItExpires() {
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("ya29.first", 3600)).willSetStateTo("second"));
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(token("ya29.second", 3600)));
        AtomicLong clock = TestServiceAccount.manualClock(credentials);

        adapter.send(message(newKey()));
        adapter.send(message(newKey()));
        clock.addAndGet(Duration.ofMinutes(58).toMillis()); // within the library's expiry margin of the 1 h token
        adapter.send(message(newKey()));

        List<String> bearers = fcm.findAll(postRequestedFor(urlEqualTo(SEND))).stream()
                .map(r -> r.getHeader("Authorization")).toList();
        assertThat(bearers).containsExactly("Bearer ya29.first", "Bearer ya29.first", "Bearer ya29.second");
        fcm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void anAccessTokenFcmRefusesIsReplacedOnceAndTheSendRepeated() {
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(token("ya29.revoked", 3600)).willSetStateTo("fresh"));
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("fresh")
                .willReturn(token("ya29.fresh", 3600)));
        fcm.stubFor(post(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer ya29.revoked"))
                .willReturn(json(401, "error-unauthenticated.json")));
        fcm.stubFor(post(urlEqualTo(SEND)).withHeader("Authorization", equalTo("Bearer ya29.fresh"))
                .willReturn(json(200, "message-sent.json")));

        DeliveryReceipt receipt = adapter.send(message(newKey()));

        assertThat(receipt.providerMessageId()).startsWith("projects/touchpoint-test/messages/");
        fcm.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        fcm.verify(2, postRequestedFor(urlEqualTo(SEND)));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
        "404, error-unregistered.json,       PERMANENT,     INVALID_ADDRESS,       UNREGISTERED",
        "400, error-invalid-token.json,      PERMANENT,     INVALID_ADDRESS,       INVALID_ARGUMENT",
        "400, error-invalid-payload.json,    PERMANENT,     CONTENT_REJECTED,      INVALID_ARGUMENT",
        "429, error-quota-exceeded.json,     RETRYABLE,     RATE_LIMITED,          QUOTA_EXCEEDED",
        "503, error-unavailable.json,        RETRYABLE,     VENDOR_UNAVAILABLE,    UNAVAILABLE",
        "500, error-internal.json,           RETRYABLE,     VENDOR_UNAVAILABLE,    INTERNAL",
        "401, error-third-party-auth.json,   MISCONFIGURED, AUTHENTICATION_FAILED, THIRD_PARTY_AUTH_ERROR",
        "401, error-unauthenticated.json,    MISCONFIGURED, AUTHENTICATION_FAILED, UNAUTHENTICATED",
        "403, error-permission-denied.json,  MISCONFIGURED, AUTHENTICATION_FAILED, PERMISSION_DENIED",
        "403, error-sender-id-mismatch.json, MISCONFIGURED, SENDER_NOT_CONFIGURED, SENDER_ID_MISMATCH",
        "404, error-project-not-found.json,  MISCONFIGURED, SENDER_NOT_CONFIGURED, NOT_FOUND (HTTP 404)"
    })
    void fcmErrorsMapToTheTaxonomy(int status, String file, FailureKind kind, FailureReason reason, String code) {
        answer(json(status, file).withTransformers("response-template"));

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.vendorCode()).isEqualTo(code);
        assertThat(failure.getMessage()).doesNotContain(DEVICE);
        assertThat(unregistered).hasSize("UNREGISTERED".equals(code) ? 1 : 0);
    }

    @Test
    void quotaExceededAndUnavailableHonourRetryAfter() {
        answer(json(429, "error-quota-exceeded.json").withHeader("Retry-After", "30"));
        assertThat(failureOf(message(newKey())).retryAfter()).contains(Duration.ofSeconds(30));

        answer(json(503, "error-unavailable.json").withHeader("Retry-After", "Sun, 22 Nov 2026 10:02:00 GMT"));
        DeliveryFailure unavailable = failureOf(message(newKey()));
        assertThat(unavailable.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(unavailable.reason()).isEqualTo(FailureReason.VENDOR_UNAVAILABLE);
        fcm.verify(2, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void anUnregisteredTokenFailsPermanentlyAndIsReportedSoTheContextCanDropIt() {
        answer(json(404, "error-unregistered.json"));
        OutboundMessage message = message(newKey());

        DeliveryFailure failure = failureOf(message);

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.vendorCode()).isEqualTo("UNREGISTERED");
        assertThat(unregistered).singleElement().satisfies(event -> {
            assertThat(event.customerId()).isEqualTo("cust-42");
            assertThat(event.token()).isEqualTo(DEVICE);
            assertThat(event.idempotencyKey()).isEqualTo(message.idempotencyKey());
            assertThat(event.occurredAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aCustomerWithSeveralDevicesGetsOneSendPerTokenAndOneReportOfWhichSucceeded() {
        fcm.stubFor(post(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.token", equalTo("phone-old")))
                .willReturn(json(404, "error-unregistered.json")));
        fcm.stubFor(post(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.token", equalTo("tablet")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"name\":\"projects/touchpoint-test/messages/tablet-1\"}")));
        OutboundMessage message = new OutboundMessage(newKey(), "cust-7",
                PushRecipients.of(DEVICE, "phone-old", "tablet").recipient(),
                new PushContent("Back in stock", "Your sneakers are back", null, Map.of()));

        PushDeliveryReport report = adapter.sendToDevices(message);

        fcm.verify(3, postRequestedFor(urlEqualTo(SEND)));
        fcm.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(report.devices()).extracting(PushDeliveryReport.Device::token)
                .containsExactly(DEVICE, "phone-old", "tablet");
        assertThat(report.accepted()).extracting(PushDeliveryReport.Device::providerMessageId).containsExactly(
                "projects/touchpoint-test/messages/0:1500415314455276%31bd1c9631bd1c96",
                "projects/touchpoint-test/messages/tablet-1");
        assertThat(report.failed()).singleElement().satisfies(device -> {
            assertThat(device.token()).isEqualTo("phone-old");
            assertThat(device.tokenUnregistered()).isTrue();
            assertThat(device.failureKind()).isEqualTo(FailureKind.PERMANENT);
        });
        assertThat(unregistered).extracting(PushTokenUnregistered::token).containsExactly("phone-old");
        assertThat(adapter.send(message)).isEqualTo(report.receipt().orElseThrow());
        assertThat(adapter.sendToDevices(message)).isSameAs(report);
        fcm.verify(3, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void whenNoDeviceGetsItTheMostActionableFailureIsThrownAndUnregisteredTokensAreStillReported() {
        fcm.stubFor(post(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.token", equalTo("gone")))
                .willReturn(json(404, "error-unregistered.json")));
        fcm.stubFor(post(urlEqualTo(SEND)).withRequestBody(matchingJsonPath("$.message.token", equalTo("busy")))
                .willReturn(json(503, "error-unavailable.json").withHeader("Retry-After", "5")));

        DeliveryFailure failure = failureOf(new OutboundMessage(newKey(), "cust-7", "gone,busy",
                new PushContent("t", "b", null, null)));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(unregistered).extracting(PushTokenUnregistered::token).containsExactly("gone");
    }

    @Test
    void aTokenEndpointThatRefusesTheServiceAccountIsAMisconfiguration() {
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(400, "token-invalid-grant.json")));

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.MISCONFIGURED);
        assertThat(failure.reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
        assertThat(failure.vendorCode()).isEqualTo("OAUTH 400 invalid_grant");
        fcm.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void aTokenEndpointThatFailsOrHangsIsRetryable() {
        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(failureOf(message(newKey()))).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(f.reason()).isEqualTo(FailureReason.VENDOR_UNAVAILABLE);
        });

        fcm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(json(200, "token-response.json").withFixedDelay(5_000)));
        assertThat(failureOf(message(newKey()))).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.RETRYABLE);
            assertThat(f.reason()).isEqualTo(FailureReason.TIMEOUT);
        });
        fcm.verify(0, postRequestedFor(urlEqualTo(SEND)));
    }

    @Test
    void aRecipientThatIsNotATokenListIsRefusedWithoutACall() {
        DeliveryFailure failure = failureOf(new OutboundMessage(newKey(), "cust-42", "not a token",
                new PushContent("t", "b", null, null)));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
        fcm.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aRefusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        FcmPushAdapter unreachable = adapter(credentials, closedPort);

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> unreachable.send(message(newKey())));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.CONNECTION_FAILED);
    }

    private static void answer(ResponseDefinitionBuilder response) {
        fcm.stubFor(post(urlEqualTo(SEND)).willReturn(response));
    }

    private static ResponseDefinitionBuilder token(String accessToken, int expiresIn) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"access_token\":\"" + accessToken + "\",\"expires_in\":" + expiresIn
                        + ",\"token_type\":\"Bearer\"}");
    }

    static ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(FcmPayloads.read(file));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
