package dev.touchpoint.channel.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.SmsKeyword;
import dev.touchpoint.channel.SmsKeywordReceived;
import dev.touchpoint.channel.SmsMessageReceived;
import dev.touchpoint.channel.sms.RecordedEvents;
import dev.touchpoint.channel.sms.TwilioSignature;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The Twilio webhooks behind a proxy: the application listens on a local port but Twilio signs the public URL
 * (touchpoint.channels.sms.webhook.public-base-url). Signed requests become events; unsigned, wrongly signed and
 * altered replays get 403 and publish nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "touchpoint.channels.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
    "touchpoint.channels.sms.twilio.auth-token=" + TwilioWebhookIT.TOKEN,
    "touchpoint.channels.sms.twilio.from=+14155550100",
    "touchpoint.channels.sms.webhook.public-base-url=" + TwilioWebhookIT.PUBLIC_BASE
})
class TwilioWebhookIT {

    static final String TOKEN = "webhook-test-auth-token";
    static final String PUBLIC_BASE = "https://hooks.touchpoint.example";
    private static final String CUSTOMER = "+491705550123";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(RecordedEvents.class)
    static class App {
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    RecordedEvents events;

    @BeforeEach
    void clearEvents() {
        events.clear();
    }

    @Test
    void aSignedStatusCallbackIsAcceptedAndReported() {
        String query = "?tp_key=pi-7%3Asend-sms&tp_customer=cust-7";
        Map<String, String> params = status("SM11111111111111111111111111111111", "delivered", null);

        ResponseEntity<String> response = post(TwilioWebhookHandler.STATUS_PATH + query, params,
                sign(TwilioWebhookHandler.STATUS_PATH + query, params), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_XML)).isTrue();
        assertThat(response.getBody()).isEqualTo(TwilioWebhookHandler.EMPTY_TWIML);
        assertThat(events.of(DeliveryStatusReported.class)).singleElement().satisfies(event -> {
            assertThat(event.update().providerMessageId()).isEqualTo("SM11111111111111111111111111111111");
            assertThat(event.update().status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(event.update().idempotencyKey()).isEqualTo("pi-7:send-sms");
            assertThat(event.update().customerId()).isEqualTo("cust-7");
            assertThat(event.update().failureReason()).isNull();
        });
    }

    @Test
    void anUndeliveredReportCarriesTheReason() {
        Map<String, String> params = status("SM22222222222222222222222222222222", "undelivered", "30003");

        post(TwilioWebhookHandler.STATUS_PATH, params, sign(TwilioWebhookHandler.STATUS_PATH, params), null);

        assertThat(events.of(DeliveryStatusReported.class)).singleElement().satisfies(event -> {
            assertThat(event.update().status()).isEqualTo(DeliveryStatus.UNDELIVERED);
            assertThat(event.update().errorCode()).isEqualTo("30003");
            assertThat(event.update().failureReason()).isEqualTo(FailureReason.UNREACHABLE);
        });
    }

    @Test
    void aSignedStopBecomesAKeywordEvent() {
        Map<String, String> params = inbound("SM33333333333333333333333333333333", "  Stop ");

        ResponseEntity<String> response = post(TwilioWebhookHandler.INBOUND_PATH, params,
                sign(TwilioWebhookHandler.INBOUND_PATH, params), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).isEqualTo(TwilioWebhookHandler.EMPTY_TWIML);
        assertThat(events.of(SmsKeywordReceived.class)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(SmsKeyword.STOP);
            assertThat(event.keyword()).isEqualTo("STOP");
            assertThat(event.fromPhone()).isEqualTo(CUSTOMER);
            assertThat(event.toPhone()).isEqualTo("+14155550100");
            assertThat(event.providerMessageId()).isEqualTo("SM33333333333333333333333333333333");
        });
    }

    @Test
    void twiliosAdvancedOptOutLabelWins() {
        Map<String, String> params = inbound("SM44444444444444444444444444444444", "Bitte keine SMS mehr");
        params.put("OptOutType", "STOP");

        post(TwilioWebhookHandler.INBOUND_PATH, params, sign(TwilioWebhookHandler.INBOUND_PATH, params), null);

        assertThat(events.of(SmsKeywordReceived.class)).singleElement()
                .satisfies(event -> assertThat(event.kind()).isEqualTo(SmsKeyword.STOP));
    }

    @Test
    void startHelpAndOrdinaryRepliesAreTyped() {
        for (String[] message : new String[][] {{"SM55555555555555555555555555555555", "unstop"},
                {"SM66666666666666666666666666666666", "HELP"}, {"SM77777777777777777777777777777777", "See you!"}}) {
            Map<String, String> params = inbound(message[0], message[1]);
            post(TwilioWebhookHandler.INBOUND_PATH, params, sign(TwilioWebhookHandler.INBOUND_PATH, params),
                    null);
        }

        assertThat(events.of(SmsKeywordReceived.class)).extracting(SmsKeywordReceived::kind)
                .containsExactly(SmsKeyword.START, SmsKeyword.HELP);
        assertThat(events.of(SmsMessageReceived.class)).singleElement()
                .satisfies(event -> assertThat(event.body()).isEqualTo("See you!"));
    }

    @Test
    void aMissingSignatureIsForbiddenAndChangesNothing() {
        ResponseEntity<String> response = post(TwilioWebhookHandler.INBOUND_PATH,
                inbound("SM88888888888888888888888888888888", "STOP"), null, null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aWrongSignatureIsForbiddenAndChangesNothing() {
        Map<String, String> params = inbound("SM99999999999999999999999999999999", "STOP");
        String forgedWithAnotherToken = TwilioSignature.sign("not-our-token",
                PUBLIC_BASE + TwilioWebhookHandler.INBOUND_PATH, params);

        assertThat(post(TwilioWebhookHandler.INBOUND_PATH, params, forgedWithAnotherToken, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(TwilioWebhookHandler.STATUS_PATH, status("SM1", "delivered", null), "bm90IGl0",
                null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aReplayWithAlteredParametersIsForbidden() {
        Map<String, String> params = inbound("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "HELP");
        String signature = sign(TwilioWebhookHandler.INBOUND_PATH, params);
        assertThat(post(TwilioWebhookHandler.INBOUND_PATH, params, signature, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        params.put("Body", "STOP");
        ResponseEntity<String> replay = post(TwilioWebhookHandler.INBOUND_PATH, params, signature, null);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(events.of(SmsKeywordReceived.class)).extracting(SmsKeywordReceived::kind)
                .containsExactly(SmsKeyword.HELP);
    }

    @Test
    void aSignatureOverTheInternalUrlIsNotTheOneTwilioMakes() {
        Map<String, String> params = status("SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "sent", null);
        String internal = TwilioSignature.sign(TOKEN, http.getRootUri() + TwilioWebhookHandler.STATUS_PATH,
                params);

        assertThat(post(TwilioWebhookHandler.STATUS_PATH, params, internal, null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aWebhookTwilioRetriesIsReportedOnce() {
        Map<String, String> params = status("SMcccccccccccccccccccccccccccccccc", "sent", null);
        String signature = sign(TwilioWebhookHandler.STATUS_PATH, params);
        String token = UUID.randomUUID().toString();

        post(TwilioWebhookHandler.STATUS_PATH, params, signature, token);
        ResponseEntity<String> retried = post(TwilioWebhookHandler.STATUS_PATH, params, signature, token);

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(events.of(DeliveryStatusReported.class)).hasSize(1);
    }

    @Test
    void aStopThatCannotBeAppliedIsAnswered503AndTwiliosRetryWithTheSameTokenAppliesIt() {
        Map<String, String> params = inbound("SMdddddddddddddddddddddddddddddddd", "STOP");
        String signature = sign(TwilioWebhookHandler.INBOUND_PATH, params);
        String token = UUID.randomUUID().toString();
        events.failingKeywords.set(1);

        // a plain client: the test's own HTTP client would honour Retry-After and retry by itself
        java.net.http.HttpResponse<String> failed = postOnce(TwilioWebhookHandler.INBOUND_PATH, params, signature, token);

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        assertThat(events.of(SmsKeywordReceived.class)).isEmpty();

        ResponseEntity<String> retried = post(TwilioWebhookHandler.INBOUND_PATH, params, signature, token);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(events.of(SmsKeywordReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(SmsKeyword.STOP));

        ResponseEntity<String> again = post(TwilioWebhookHandler.INBOUND_PATH, params, signature, token);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(events.of(SmsKeywordReceived.class)).as("handled once it succeeded").hasSize(1);
    }

    private static Map<String, String> status(String sid, String status, String errorCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("ApiVersion", "2010-04-01");
        params.put("From", "+14155550100");
        params.put("MessageSid", sid);
        params.put("MessageStatus", status);
        params.put("SmsSid", sid);
        params.put("SmsStatus", status);
        params.put("To", CUSTOMER);
        if (errorCode != null) {
            params.put("ErrorCode", errorCode);
        }
        return params;
    }

    private static Map<String, String> inbound(String sid, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("ApiVersion", "2010-04-01");
        params.put("Body", body);
        params.put("From", CUSTOMER);
        params.put("MessageSid", sid);
        params.put("NumMedia", "0");
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("To", "+14155550100");
        return params;
    }

    private static String sign(String pathAndQuery, Map<String, String> params) {
        return TwilioSignature.sign(TOKEN, PUBLIC_BASE + pathAndQuery, params);
    }

    private java.net.http.HttpResponse<String> postOnce(String pathAndQuery, Map<String, String> params, String signature,
                                                        String idempotencyToken) {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(http.getRootUri() + pathAndQuery))
                .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .header(TwilioSignature.HEADER, signature)
                .header("I-Twilio-Idempotency-Token", idempotencyToken)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString())).build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> post(String pathAndQuery, Map<String, String> params, String signature,
                                        String idempotencyToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (signature != null) {
            headers.add(TwilioSignature.HEADER, signature);
        }
        if (idempotencyToken != null) {
            headers.add("I-Twilio-Idempotency-Token", idempotencyToken);
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        // a URI, not a template: the query is already encoded as Twilio would send it
        return http.postForEntity(URI.create(http.getRootUri() + pathAndQuery), new HttpEntity<>(form, headers),
                String.class);
    }
}
