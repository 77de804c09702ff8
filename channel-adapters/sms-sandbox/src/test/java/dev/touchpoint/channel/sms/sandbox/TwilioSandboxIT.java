package dev.touchpoint.channel.sms.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.SmsContent;
import dev.touchpoint.channel.SmsKeyword;
import dev.touchpoint.channel.SmsKeywordReceived;
import dev.touchpoint.channel.sms.RecordedEvents;
import dev.touchpoint.channel.sms.TwilioOpenApiAccess;
import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The embedded default with no Twilio credentials: the auto-configured adapter drives the real SDK against the
 * WireMock stand-in, whose signed status callbacks come back through the real webhook; the REST endpoint lists what
 * was sent; a simulated STOP reply becomes a keyword event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "touchpoint.channels.sms.sandbox.callback-delay=30ms")
@ExtendWith(OutputCaptureExtension.class)
class TwilioSandboxIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(RecordedEvents.class)
    static class App {
    }

    @Autowired
    TwilioSmsAdapter adapter;

    @Autowired
    TwilioSandbox sandbox;

    @Autowired
    RecordedEvents events;

    @Autowired
    TestRestTemplate http;

    @BeforeEach
    void clear() {
        events.clear();
        sandbox.purge();
    }

    @Test
    void aMessageIsSentListedAndReportedDeliveredThroughSignedCallbacks(CapturedOutput output) {
        String key = "pi-" + UUID.randomUUID() + ":send-sms";
        DeliveryReceipt receipt = adapter.send(new OutboundMessage(key, "cust-1", "+14155550123",
                new SmsContent("Your table is ready 🍽")));

        assertThat(receipt.providerMessageId()).matches("SM[0-9a-f]{32}");
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.QUEUED);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.of(DeliveryStatusReported.class)).extracting(e -> e.update().status())
                        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED));
        assertThat(events.of(DeliveryStatusReported.class)).allSatisfy(e -> {
            assertThat(e.update().providerMessageId()).isEqualTo(receipt.providerMessageId());
            assertThat(e.update().idempotencyKey()).isEqualTo(key);
            assertThat(e.update().customerId()).isEqualTo("cust-1");
        });

        JsonNode list = http.getForObject("/api/sandbox/sms/messages", JsonNode.class);
        assertThat(list).hasSize(1);
        JsonNode sent = list.get(0);
        assertThat(sent.get("sid").asText()).isEqualTo(receipt.providerMessageId());
        assertThat(sent.get("to").asText()).isEqualTo("+14155550123");
        assertThat(sent.get("body").asText()).isEqualTo("Your table is ready 🍽");
        assertThat(sent.get("status").asText()).isEqualTo("delivered");
        assertThat(sent.get("history").findValuesAsText("status")).containsExactly("queued", "sent", "delivered");
        assertThat(sent.get("history").findValues("callbackStatus")).extracting(JsonNode::asInt)
                .containsExactly(0, 200, 200);
        assertThat(http.getForEntity("/api/sandbox/sms/messages/" + receipt.providerMessageId(), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(output.getAll()).as("no personal data in the logs").doesNotContain("+14155550123")
                .doesNotContain("Your table is ready").contains("idempotencyKey=" + key);
    }

    @Test
    void testNumbersFailLikeTwilio() {
        assertThat(failureFor("+15005550004").reason()).isEqualTo(FailureReason.UNSUBSCRIBED);
        assertThat(failureFor("+15005550001").reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
        assertThat(failureFor("+15005550009").reason()).isEqualTo(FailureReason.UNREACHABLE);
        DeliveryFailure limited = failureFor("+15005550029");
        assertThat(limited.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(sandbox.messages()).isEmpty();
    }

    @Test
    void anUndeliverableNumberIsReportedWithItsReason() {
        adapter.send(new OutboundMessage("k-" + UUID.randomUUID(), "cust-2", "+15005550007", new SmsContent("hi")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events.of(DeliveryStatusReported.class)).extracting(e -> e.update().status())
                        .contains(DeliveryStatus.UNDELIVERED));
        assertThat(events.of(DeliveryStatusReported.class)).filteredOn(e -> e.update().status().isFailure())
                .singleElement().satisfies(e -> {
                    assertThat(e.update().errorCode()).isEqualTo("30003");
                    assertThat(e.update().failureReason()).isEqualTo(FailureReason.UNREACHABLE);
                });
    }

    @Test
    void aSimulatedStopReplyGoesThroughTheSignedInboundWebhook() {
        ResponseEntity<JsonNode> response = http.postForEntity("/api/sandbox/sms/inbound",
                Map.of("from", "+14155550123", "to", "+15005550006", "body", "STOP"), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody().get("webhookStatus").asInt()).isEqualTo(200);
        assertThat(events.of(SmsKeywordReceived.class)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(SmsKeyword.STOP);
            assertThat(event.fromPhone()).isEqualTo("+14155550123");
        });
        assertThat(sandbox.messages()).singleElement()
                .satisfies(m -> assertThat(m.direction()).isEqualTo("inbound"));
    }

    @Test
    void theStandInAnswersWithAMessageResourceValidAgainstTwiliosOpenApi() throws Exception {
        String form = "To=%2B14155550123&From=%2B15005550006&Body=Hello";
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/2010-04-01/Accounts/"
                        + sandbox.accountSid() + "/Messages.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (sandbox.accountSid() + ":" + sandbox.authToken()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> created;
        HttpResponse<String> unauthorised;
        try (HttpClient client = HttpClient.newHttpClient()) {
            created = client.send(request, HttpResponse.BodyHandlers.ofString());
            unauthorised = client.send(HttpRequest.newBuilder(request.uri()).header("Authorization", "Basic eDp5")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode resource = new ObjectMapper().readTree(created.body());
        assertThat(TwilioOpenApiAccess.messageResourceProblems(resource)).isEmpty();
        assertThat(resource.get("sid").asText()).matches("SM[0-9a-f]{32}");
        assertThat(unauthorised.statusCode()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(unauthorised.body()).get("code").asInt()).isEqualTo(20003);
    }

    private DeliveryFailure failureFor(String number) {
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> adapter.send(
                new OutboundMessage("k-" + UUID.randomUUID(), "cust-3", number, new SmsContent("hi"))));
        assertThat(failure).as("a failure for " + number).isNotNull();
        return failure;
    }
}
