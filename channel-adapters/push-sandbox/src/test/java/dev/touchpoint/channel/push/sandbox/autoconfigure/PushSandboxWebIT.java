package dev.touchpoint.channel.push.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.PushContent;
import dev.touchpoint.channel.PushDeliveryReport;
import dev.touchpoint.channel.PushPriority;
import dev.touchpoint.channel.PushRecipients;
import dev.touchpoint.channel.PushTokenUnregistered;
import dev.touchpoint.channel.push.FcmPushAdapter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The embedded default end to end: a web application with no Firebase configuration runs the real adapter and the
 * real auth library against the FCM sandbox, and the sandbox's read API shows what each device would have got.
 */
@SpringBootTest(classes = PushSandboxWebIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PushSandboxWebIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        UnregisteredTokens unregisteredTokens() {
            return new UnregisteredTokens();
        }
    }

    static class UnregisteredTokens {
        final List<PushTokenUnregistered> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PushTokenUnregistered event) {
            events.add(event);
        }
    }

    @Autowired
    FcmPushAdapter adapter;
    @Autowired
    UnregisteredTokens unregistered;
    @Autowired
    TestRestTemplate http;

    @BeforeEach
    void purge() {
        http.delete("/api/sandbox/push/messages");
        unregistered.events.clear();
    }

    @Test
    void aSendToSeveralDevicesShowsUpInTheSandboxAndAnUnregisteredTokenBecomesAnEvent() {
        OutboundMessage message = new OutboundMessage("pi-9:push", "cust-3",
                PushRecipients.of("phone-1", "unregistered-tablet").recipient(),
                new PushContent("Your table is ready", "Table 12", URI.create("asteroak://tables/12"),
                        Map.of("table", "12"), null, "service", "t-12", null, Duration.ofMinutes(10),
                        PushPriority.HIGH));

        PushDeliveryReport report = adapter.sendToDevices(message);

        assertThat(report.accepted()).extracting(PushDeliveryReport.Device::token).containsExactly("phone-1");
        assertThat(report.unregisteredTokens()).containsExactly("unregistered-tablet");
        assertThat(unregistered.events).singleElement().satisfies(event -> {
            assertThat(event.customerId()).isEqualTo("cust-3");
            assertThat(event.token()).isEqualTo("unregistered-tablet");
        });

        JsonNode listed = http.getForObject("/api/sandbox/push/messages", JsonNode.class);
        assertThat(listed).hasSize(2);
        JsonNode accepted = StreamSupport.stream(listed.spliterator(), false)
                .filter(m -> "accepted".equals(m.path("outcome").asText())).findFirst().orElseThrow();
        assertThat(accepted.path("name").asText()).isEqualTo(report.receipt().orElseThrow().providerMessageId());
        assertThat(accepted.path("token").asText()).isEqualTo("phone-1");
        assertThat(accepted.path("title").asText()).isEqualTo("Your table is ready");
        assertThat(accepted.path("data").path("deepLink").asText()).isEqualTo("asteroak://tables/12");
        assertThat(accepted.path("data").path("touchpointKey").asText()).isEqualTo("pi-9:push");
        assertThat(accepted.path("android").path("collapse_key").asText()).isEqualTo("t-12");
        assertThat(accepted.path("apns").path("headers").path("apns-priority").asText()).isEqualTo("10");
    }

    @Test
    void theSandboxAnswersTestTokensWithFcmsErrors() {
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> adapter.send(new OutboundMessage(
                "pi-9:push-2", "cust-3", "quota-phone", new PushContent("t", "b", null, null))));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(http.getForObject("/api/sandbox/push/messages", JsonNode.class).get(0).path("outcome").asText())
                .isEqualTo("QUOTA_EXCEEDED");
    }
}
