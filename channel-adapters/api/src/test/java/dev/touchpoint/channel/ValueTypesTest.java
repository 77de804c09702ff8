package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    private static final ListUnsubscribe UNSUBSCRIBE = new ListUnsubscribe(
            URI.create("https://example.com/u/abc"), URI.create("mailto:unsubscribe@example.com?subject=abc"));

    static EmailContent marketingEmail() {
        return new EmailContent("Grüße zum Frühling", "Neu im Laden", "<p>Hallo</p>", "Hallo", "Café Crème",
                "news@example.com", null, UNSUBSCRIBE, EmailCategory.MARKETING);
    }

    @Test
    void anOutboundMessageShowsNoPersonalDataInToString() {
        OutboundMessage message = new OutboundMessage("job-1:elem-2", "cust-42", "bob@example.org", marketingEmail());

        assertThat(message.toString()).contains("job-1:elem-2", "cust-42", "EMAIL")
                .doesNotContain("bob@example.org", "Hallo", "Grüße");
        assertThat(message.channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void anIdempotencyKeyIsPrintableAsciiOfBoundedLength() {
        SmsContent sms = new SmsContent("hi");
        assertThatThrownBy(() -> new OutboundMessage(" ", "c", "+15005550006", sms))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundMessage("a b", "c", "+15005550006", sms))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new OutboundMessage("ä", "c", "+15005550006", sms))
                .hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> new OutboundMessage("k".repeat(201), "c", "+15005550006", sms))
                .hasMessageContaining("at most 200");
        assertThat(new OutboundMessage("k".repeat(200), "c", "+15005550006", sms).idempotencyKey()).hasSize(200);
    }

    @Test
    void contentAsRefusesAnotherChannelNamingBoth() {
        OutboundMessage message = new OutboundMessage("k", "c", "+15005550006", new SmsContent("hi"));

        assertThat(message.contentAs(SmsContent.class, Channel.SMS).body()).isEqualTo("hi");
        assertThatThrownBy(() -> message.contentAs(EmailContent.class, Channel.EMAIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EMAIL adapter cannot send SMS content");
    }

    @Test
    void marketingMailNeedsListUnsubscribeAndTransactionalMailMustNotHaveIt() {
        assertThatThrownBy(() -> new EmailContent("s", null, null, "t", null, "a@example.com", null, null,
                EmailCategory.MARKETING)).hasMessageContaining("RFC 8058");
        assertThatThrownBy(() -> new EmailContent("s", null, null, "t", null, "a@example.com", null, UNSUBSCRIBE,
                EmailCategory.TRANSACTIONAL)).hasMessageContaining("transactional");
        assertThat(new EmailContent("s", " ", " ", "t", " ", "a@example.com", " ", null,
                EmailCategory.TRANSACTIONAL)).satisfies(c -> {
                    assertThat(c.html()).isNull();
                    assertThat(c.preheader()).isNull();
                    assertThat(c.fromName()).isNull();
                    assertThat(c.replyTo()).isNull();
                    assertThat(c.marketing()).isFalse();
                });
    }

    @Test
    void headerInjectionThroughEmailFieldsIsRefused() {
        assertThatThrownBy(() -> new EmailContent("Hi\r\nBcc: x@evil.test", null, null, "t", null, "a@example.com",
                null, null, EmailCategory.TRANSACTIONAL)).hasMessageContaining("subject");
        assertThatThrownBy(() -> new EmailContent("s", null, null, "t", "Name\nX: y", "a@example.com", null, null,
                EmailCategory.TRANSACTIONAL)).hasMessageContaining("fromName");
        assertThatThrownBy(() -> new EmailContent("s", null, null, "t", null, "a@example.com, b@example.com", null,
                null, EmailCategory.TRANSACTIONAL)).hasMessageContaining("fromAddress");
        assertThatThrownBy(() -> new EmailContent("s", null, null, "t", null, "no-at-sign", null, null,
                EmailCategory.TRANSACTIONAL)).hasMessageContaining("fromAddress");
    }

    @Test
    void listUnsubscribeNeedsHttpsAndMailto() {
        assertThatThrownBy(() -> ListUnsubscribe.oneClick(URI.create("http://example.com/u")))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new ListUnsubscribe(URI.create("https://example.com/u"),
                URI.create("https://example.com/m"))).hasMessageContaining("mailto");
        assertThatThrownBy(() -> ListUnsubscribe.oneClick(URI.create("https://example.com/u>,<https://evil.test")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ListUnsubscribe.oneClick(URI.create("https://example.com/u")).mailto()).isNull();
    }

    @Test
    void smsPushAndKioskContentValidateTheirFields() {
        assertThatThrownBy(() -> new SmsContent(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmsContent("x".repeat(1601))).hasMessageContaining("1600");
        assertThat(new SmsContent("Your code is 1234").toString()).doesNotContain("1234");
        assertThat(new PushContent("t", "b", null, null).data()).isEmpty();
        assertThat(new PushContent("t", "b", URI.create("app://x"), Map.of("k", "v")).channel())
                .isEqualTo(Channel.PUSH);
        assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ZERO)).hasMessageContaining("positive");
        assertThat(new KioskContent("<p/>", "t", Duration.ofSeconds(30)).channel()).isEqualTo(Channel.KIOSK);
    }

    @Test
    void aDeliveryFailureDescribesItselfWithoutPersonalData() {
        DeliveryFailure failure = DeliveryFailure.retryable(Channel.SMS, FailureReason.RATE_LIMITED)
                .vendorCode("20429").vendorMessage("Too Many Requests").retryAfter(Duration.ofSeconds(7)).build()
                .forMessage("key-1");

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.getMessage()).isEqualTo(
                "SMS RETRYABLE RATE_LIMITED [20429]: Too Many Requests (retry after PT7S) idempotencyKey=key-1");
        assertThat(failure.reason().bpmnErrorCode()).isEqualTo("TOUCHPOINT_RATE_LIMITED");
        assertThatThrownBy(() -> DeliveryFailure.permanent(Channel.SMS, FailureReason.REJECTED)
                .retryAfter(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finalStatusesAreTheFailedOnes() {
        assertThat(DeliveryStatus.UNDELIVERED.isFinal()).isTrue();
        assertThat(DeliveryStatus.BOUNCED.isFailure()).isTrue();
        assertThat(DeliveryStatus.DELIVERED.isFinal()).isFalse();
        assertThat(new DeliveryStatusUpdate(Channel.SMS, "SM1", DeliveryStatus.SENT, "sent", Instant.EPOCH, " ",
                null, "", null).errorCode()).isNull();
    }

    @Test
    void eventsHideTheCustomersNumberAndText() {
        SmsKeywordReceived stop = new SmsKeywordReceived(SmsKeyword.STOP, "STOP", "+15551234567", "+15557654321",
                "SM1", Instant.EPOCH);
        SmsMessageReceived reply = new SmsMessageReceived("+15551234567", "+15557654321", "see you", "SM2",
                Instant.EPOCH);

        assertThat(stop.toString()).doesNotContain("+15551234567");
        assertThat(reply.toString()).doesNotContain("+15551234567", "see you");
    }
}
