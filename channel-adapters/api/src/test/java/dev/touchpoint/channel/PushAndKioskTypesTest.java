package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PushAndKioskTypesTest {

    @Test
    void pushContentValidatesFcmLimitsAndCarriesTheDeepLinkAsData() {
        PushContent content = new PushContent("Your order", "is ready", URI.create("asteroak://orders/42"),
                Map.of("orderId", "42"), URI.create("https://cdn.example.com/p.png"), "orders", "order-42",
                "orders", Duration.ofHours(1), PushPriority.HIGH);

        assertThat(content.dataWithDeepLink()).containsEntry("deepLink", "asteroak://orders/42")
                .containsEntry("orderId", "42");
        assertThat(content.toString()).doesNotContain("Your order", "is ready");
        assertThat(new PushContent("t", "b", null, null).priority()).isEqualTo(PushPriority.NORMAL);
        assertThatThrownBy(() -> new PushContent("t", "b", null, Map.of("google.x", "1")))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> new PushContent("t", "b", null, Map.of("from", "1")))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> new PushContent("t", "b", null, null, URI.create("http://x/i.png"), null, null,
                null, null, null)).hasMessageContaining("https");
        assertThatThrownBy(() -> new PushContent("t", "b", null, null, null, null, "k".repeat(65), null, null,
                null)).hasMessageContaining("collapseKey");
        assertThatThrownBy(() -> new PushContent("t", "b", null, null, null, null, null, null,
                Duration.ofDays(29), null)).hasMessageContaining("timeToLive");
        assertThatThrownBy(() -> new PushContent("t", "b", URI.create("a://x"), Map.of("deepLink", "a://y")))
                .hasMessageContaining("differs");
    }

    @Test
    void pushRecipientsAreDistinctCommaSeparatedTokensThatNeverShowInToString() {
        PushRecipients recipients = PushRecipients.parse(" tok-A:1 , tok-B:2,tok-A:1 ");

        assertThat(recipients.tokens()).containsExactly("tok-A:1", "tok-B:2");
        assertThat(recipients.recipient()).isEqualTo("tok-A:1,tok-B:2");
        assertThat(PushRecipients.parse(recipients.recipient())).isEqualTo(recipients);
        assertThat(recipients.toString()).doesNotContain("tok-A");
        assertThatThrownBy(() -> PushRecipients.parse("a,,b")).hasMessageContaining("blank");
        assertThatThrownBy(() -> PushRecipients.parse("a b")).hasMessageContaining("without commas or spaces");
    }

    @Test
    void aPushReportIsDeliveredWhenAnyDeviceAcceptedAndNamesUnregisteredTokens() {
        DeliveryFailure gone = DeliveryFailure.permanent(Channel.PUSH, FailureReason.INVALID_ADDRESS)
                .vendorCode("UNREGISTERED").build();
        PushDeliveryReport report = new PushDeliveryReport(Channel.PUSH, "k", "c", Instant.EPOCH, List.of(
                PushDeliveryReport.Device.failed("old", gone, true),
                PushDeliveryReport.Device.accepted("new", "projects/p/messages/1")));

        assertThat(report.delivered()).isTrue();
        assertThat(report.unregisteredTokens()).containsExactly("old");
        assertThat(report.receipt()).hasValueSatisfying(r -> {
            assertThat(r.providerMessageId()).isEqualTo("projects/p/messages/1");
            assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
        });
        assertThat(report.toString()).doesNotContain("old", "new");
        assertThat(new PushTokenUnregistered("c", "old", "k", Instant.EPOCH).toString()).doesNotContain("old");
    }

    @Test
    void kioskTargetsRoundTripThroughTheRecipientString() {
        assertThat(KioskTarget.parse("berlin-mitte/entrance-1")).isEqualTo(KioskTarget.kiosk("berlin-mitte",
                "entrance-1"));
        assertThat(KioskTarget.parse("berlin-mitte")).satisfies(t -> {
            assertThat(t.isSpecificKiosk()).isFalse();
            assertThat(t.zone()).isNull();
        });
        assertThat(KioskTarget.parse("berlin-mitte#entrance").zone()).isEqualTo("entrance");
        for (String recipient : List.of("s/k", "s", "s#z")) {
            assertThat(KioskTarget.parse(recipient).recipient()).isEqualTo(recipient);
        }
        assertThatThrownBy(() -> KioskTarget.parse("store/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KioskTarget.parse("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KioskTarget.parse("s/k/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KioskTarget.parse("<b>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kioskContentDefaultsAndLimits() {
        KioskContent simple = new KioskContent("<section>Hi</section>", "Hi", Duration.ofSeconds(20));
        assertThat(simple.actions()).containsExactly(KioskAction.DISMISS);
        assertThat(simple.ackTimeout()).isNull();
        assertThat(simple.toString()).doesNotContain("Hi");

        assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ofSeconds(5), null, null, null, null,
                Set.of(KioskAction.ACCEPT_OFFER), null)).hasMessageContaining("callToAction");
        assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ofSeconds(5), null, null, "Take", "de DE",
                null, null)).hasMessageContaining("BCP 47");
        assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ofSeconds(5), null, null, null, null, null,
                Duration.ofMinutes(2))).hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> new KioskContent("x".repeat(KioskContent.MAX_HTML_LENGTH + 1), "t",
                Duration.ofSeconds(5))).hasMessageContaining("HTML");
        assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ofMinutes(11)))
                .hasMessageContaining("displayFor");
    }

    @Test
    void kioskEventsAreTypedAndRequireTheirIdentifiers() {
        KioskEvent event = new KioskOfferAccepted("k", "c", "s/k/1", "s", "k", Instant.EPOCH);
        assertThat(event).isInstanceOf(KioskOfferAccepted.class);
        assertThatThrownBy(() -> new KioskScreenDismissed("k", " ", "s/k/1", "s", "k", Instant.EPOCH))
                .hasMessageContaining("customerId");
    }
}
