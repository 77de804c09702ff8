package dev.touchpoint.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
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
import dev.touchpoint.channel.SmsContent;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared adapter contract and Twilio's wire format, driving the real Twilio SDK against WireMock on a dynamic
 * loopback port. The request that leaves is checked against Twilio's OpenAPI description of CreateMessage.
 */
class TwilioSmsAdapterContractIT extends ChannelAdapterContract {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "contract-test-auth-token";
    static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    static final String RECIPIENT = "+14155550123";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final URI CALLBACK = URI.create("https://hooks.touchpoint.example/webhooks/twilio/status");

    private static WireMockServer twilio;
    private TwilioSmsAdapter adapter;

    @BeforeAll
    static void startWireMock() {
        twilio = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        twilio.start();
    }

    @AfterAll
    static void stopWireMock() {
        twilio.stop();
    }

    @BeforeEach
    void newAdapter() {
        adapter = adapter(SmsSender.messagingService(SERVICE), SenderRateLimiter.unlimited(), twilio.port());
    }

    static TwilioSmsAdapter adapter(SmsSender sender, SenderRateLimiter limiter, int port) {
        TwilioHttpClient http = new TwilioHttpClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        return new TwilioSmsAdapter(TwilioSmsAdapter.restClient(ACCOUNT, TOKEN, http), http, sender,
                () -> Optional.of(CALLBACK), limiter, IdempotencyGuard.withDefaults(), Clock.systemUTC());
    }

    @Override
    protected ChannelAdapter adapter() {
        return adapter;
    }

    @Override
    protected OutboundMessage message(String idempotencyKey) {
        return new OutboundMessage(idempotencyKey, "cust-42", RECIPIENT, new SmsContent("Your table is ready"));
    }

    @Override
    protected void resetVendor() {
        twilio.resetAll();
        vendorAccepts();
    }

    @Override
    protected void vendorRejectsRecipient() {
        answer(json(400, "error-21211.json"));
    }

    @Override
    protected void vendorFailsTemporarily() {
        answer(json(503, "error-20503.json"));
    }

    @Override
    protected void vendorRejectsCredentials() {
        answer(json(401, "error-20003.json"));
    }

    @Override
    protected void vendorStopsAnswering() {
        answer(json(201, "message-created.json").withFixedDelay(3_000));
    }

    @Override
    protected void vendorAccepts() {
        answer(json(201, "message-created.json").withTransformers("response-template"));
    }

    @Override
    protected int acceptedByVendor() {
        // what the stub answered (known as soon as the request is journaled); delayed answers came too late
        return (int) twilio.getAllServeEvents().stream()
                .filter(e -> e.getResponseDefinition().getStatus() == 201
                        && e.getResponseDefinition().getFixedDelayMilliseconds() == null)
                .count();
    }

    @Test
    void theRequestIsTwiliosCreateMessageAndValidAgainstItsOpenApiDescription() {
        DeliveryReceipt receipt = adapter.send(new OutboundMessage("pi-1:send-sms", "cust-42", RECIPIENT,
                new SmsContent("Grüße aus Köln 👋 – 20 % Rabatt")));

        List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.getFirst();
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        Map<String, List<String>> form = form(request);
        assertThat(form).containsOnlyKeys("To", "Body", "MessagingServiceSid", "StatusCallback");
        assertThat(form.get("To")).containsExactly(RECIPIENT);
        assertThat(form.get("Body")).containsExactly("Grüße aus Köln 👋 – 20 % Rabatt");
        assertThat(form.get("MessagingServiceSid")).containsExactly(SERVICE);
        assertThat(form.get("StatusCallback")).containsExactly(CALLBACK + "?tp_key=pi-1%3Asend-sms&tp_customer=cust-42");
        assertThat(TwilioOpenApi.get().createMessageProblems(ACCOUNT, form)).isEmpty();

        assertThat(receipt.providerMessageId()).matches("SM[0-9a-f]{32}");
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.QUEUED);
    }

    @Test
    void aFromNumberIsSentInsteadOfAMessagingService() {
        TwilioSmsAdapter fromNumber = adapter(SmsSender.number("+15005550006"), SenderRateLimiter.unlimited(),
                twilio.port());

        fromNumber.send(message(newKey()));

        Map<String, List<String>> form = form(twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).getFirst());
        assertThat(form).containsKeys("From").doesNotContainKey("MessagingServiceSid");
        assertThat(form.get("From")).containsExactly("+15005550006");
        assertThat(TwilioOpenApi.get().createMessageProblems(ACCOUNT, form)).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} Twilio {1}")
    @CsvSource({
        "400, 21610, PERMANENT, UNSUBSCRIBED",
        "400, 21211, PERMANENT, INVALID_ADDRESS",
        "400, 21614, PERMANENT, UNREACHABLE",
        "400, 21408, PERMANENT, BLOCKED",
        "400, 21606, MISCONFIGURED, SENDER_NOT_CONFIGURED",
        "401, 20003, MISCONFIGURED, AUTHENTICATION_FAILED",
        "404, 20404, MISCONFIGURED, SENDER_NOT_CONFIGURED",
        "429, 20429, RETRYABLE, RATE_LIMITED",
        "500, 20500, RETRYABLE, VENDOR_UNAVAILABLE",
        "503, 20503, RETRYABLE, VENDOR_UNAVAILABLE"
    })
    void twilioErrorsMapToTheTaxonomy(int status, int code, FailureKind kind, FailureReason reason) {
        answer(json(status, "error-" + code + ".json"));

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.vendorCode()).isEqualTo(Integer.toString(code));
        assertThat(failure.getMessage()).doesNotContain(RECIPIENT);
    }

    @Test
    void tooManyRequestsHonoursRetryAfterInSeconds() {
        answer(json(429, "error-20429.json").withHeader("Retry-After", "7"));

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aServiceUnavailableIsNotRepeatedBehindTheWorkersBack() {
        answer(json(503, "error-20503.json").withHeader("Retry-After", "1"));

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aServerErrorWithoutTwilioBodyIsRetryableAndTriedOnlyOnce() {
        answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway"));

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.VENDOR_UNAVAILABLE);
        assertThat(failure.vendorCode()).isEqualTo("HTTP 502");
        assertThat(failure.retryAfter()).isEmpty();
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aRefusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TwilioSmsAdapter unreachable = adapter(SmsSender.messagingService(SERVICE), SenderRateLimiter.unlimited(),
                closedPort);

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> unreachable.send(message(newKey())));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.CONNECTION_FAILED);
    }

    @Test
    void aSenderOverItsRateFailsFastWithRetryAfterAndNothingIsSent() {
        long[] now = {0};
        List<Duration> waited = new ArrayList<>();
        SenderRateLimiter.Limits limits = new SenderRateLimiter.Limits(Map.of(
                SmsSender.Kind.LONG_CODE, 1.0, SmsSender.Kind.TOLL_FREE, 3.0, SmsSender.Kind.SHORT_CODE, 100.0,
                SmsSender.Kind.ALPHANUMERIC, 10.0, SmsSender.Kind.MESSAGING_SERVICE, 10.0), Map.of(),
                Duration.ofMillis(500));
        TwilioSmsAdapter paced = adapter(SmsSender.number("+14155550999"),
                new SenderRateLimiter(limits, () -> now[0], waited::add), twilio.port());

        paced.send(message(newKey()));
        DeliveryFailure failure = failureOf(paced, message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(waited).isEmpty();
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void aRecipientThatIsNotE164IsRefusedWithoutACall() {
        DeliveryFailure failure = failureOf(new OutboundMessage(newKey(), "cust-42", "0049 171 555",
                new SmsContent("hi")));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
        twilio.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    private static DeliveryFailure failureOf(TwilioSmsAdapter adapter, OutboundMessage message) {
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> adapter.send(message));
        assertThat(failure).isNotNull();
        return failure;
    }

    private static void answer(ResponseDefinitionBuilder response) {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(response));
    }

    static ResponseDefinitionBuilder json(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(resource(file));
    }

    static String resource(String file) {
        try (InputStream in = TwilioSmsAdapterContractIT.class.getResourceAsStream("/twilio/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<String>> form(LoggedRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : TwilioWebhookVerifier.queryParameters(request.getBodyAsString())) {
            form.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
        }
        return form;
    }
}
