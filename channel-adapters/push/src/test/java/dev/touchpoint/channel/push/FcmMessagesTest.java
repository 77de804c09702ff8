package dev.touchpoint.channel.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.channel.PushContent;
import dev.touchpoint.channel.PushPriority;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcmMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aPlainNotificationHasOnlyWhatWasGivenAndNormalPriority() throws Exception {
        JsonNode body = JSON.readTree(FcmMessages.body("tok", new PushContent("Hi", "There", null, Map.of("a", "1")),
                "key-1", NOW, false));

        assertThat(body.has("validate_only")).isFalse();
        JsonNode message = body.path("message");
        assertThat(message.path("token").asText()).isEqualTo("tok");
        assertThat(message.path("notification").has("image")).isFalse();
        assertThat(message.path("data").properties()).extracting(Map.Entry::getKey)
                .containsExactly("a", "touchpointKey");
        assertThat(message.path("android").path("priority").asText()).isEqualTo("NORMAL");
        assertThat(message.path("android").has("ttl")).isFalse();
        assertThat(message.path("android").has("notification")).isFalse();
        assertThat(message.path("apns").path("headers").path("apns-priority").asText()).isEqualTo("5");
        assertThat(message.path("apns").path("headers").has("apns-expiration")).isFalse();
        assertThat(message.path("apns").path("payload").path("aps").isEmpty()).isTrue();
    }

    @Test
    void aZeroTimeToLiveMeansNowOrNeverOnBothPlatforms() throws Exception {
        PushContent content = new PushContent("Hi", "There", URI.create("https://shop.example.com/x"), null, null,
                null, null, null, Duration.ZERO, PushPriority.HIGH);

        JsonNode message = JSON.readTree(FcmMessages.body("tok", content, "k", NOW, true)).path("message");

        assertThat(message.path("android").path("ttl").asText()).isEqualTo("0s");
        assertThat(message.path("apns").path("headers").path("apns-expiration").asText()).isEqualTo("0");
        assertThat(message.path("data").path("deepLink").asText()).isEqualTo("https://shop.example.com/x");
    }

    @Test
    void validateOnlyIsSentWhenAsked() throws Exception {
        assertThat(JSON.readTree(FcmMessages.body("t", new PushContent("a", "b", null, null), "k", NOW, true))
                .path("validate_only").asBoolean()).isTrue();
    }

    @Test
    void durationsAreProtobufJsonSeconds() {
        assertThat(FcmMessages.seconds(Duration.ofHours(1))).isEqualTo("3600s");
        assertThat(FcmMessages.seconds(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(FcmMessages.seconds(Duration.ofNanos(1_000_000_001L))).isEqualTo("1.000000001s");
    }

    @Test
    void textIsJsonEscapedNotTemplated() throws Exception {
        String tricky = "\"}, \"token\": \"attacker\" <script>";
        JsonNode message = JSON.readTree(FcmMessages.body("tok", new PushContent(tricky, tricky, null, null), "k",
                NOW, false)).path("message");

        assertThat(message.path("token").asText()).isEqualTo("tok");
        assertThat(message.path("notification").path("title").asText()).isEqualTo(tricky);
    }
}
