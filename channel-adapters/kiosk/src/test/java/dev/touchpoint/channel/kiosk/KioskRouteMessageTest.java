package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The messages between instances as JSON: each kind names itself in {@code t} and reads back as it was written. */
class KioskRouteMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyKindReadsBackAsWritten() throws Exception {
        JsonNode screen = KioskProtocol.content(new KioskContent("<section>Hi</section>", "Hi",
                Duration.ofSeconds(20), "Hi", null, "Take it", "de", Set.of(KioskAction.DISMISS), null));
        List<KioskRouteMessage> messages = List.of(
                new KioskRouteMessage.Deliver("s/k/1", "a", "b", 1_000L, "s", "k", "cust-1", "key-1", 500L, screen),
                new KioskRouteMessage.Received("s/k/1", "b", "a", 2_000L),
                new KioskRouteMessage.Outcome("s/k/1", "b", "a", 3_000L, KioskHub.Result.BUSY, 2_500L, 10_000L),
                new KioskRouteMessage.Outcome("s/k/1", "b", "a", 3_000L, KioskHub.Result.DISPLAYED, 2_500L, null),
                new KioskRouteMessage.Disconnect("d-1", "a", "b", 4_000L, "s", "k"),
                new KioskRouteMessage.Rejected("s/k/1", "b", "a", 5_000L));

        for (KioskRouteMessage message : messages) {
            JsonNode tree = JSON.valueToTree(message);
            assertThat(tree.path("t").asText()).isEqualTo(switch (message) {
                case KioskRouteMessage.Deliver d -> "deliver";
                case KioskRouteMessage.Received r -> "received";
                case KioskRouteMessage.Outcome o -> "outcome";
                case KioskRouteMessage.Disconnect d -> "disconnect";
                case KioskRouteMessage.Rejected r -> "rejected";
            });
            KioskRouteMessage read = JSON.readValue(tree.toString(), KioskRouteMessage.class);
            assertThat(read).hasSameClassAs(message);
            assertThat(JSON.writeValueAsString(read)).isEqualTo(tree.toString());
        }
        KioskRouteMessage.Deliver deliver = (KioskRouteMessage.Deliver) JSON.readValue(
                JSON.writeValueAsString(messages.get(0)), KioskRouteMessage.class);
        assertThat(deliver.customerId()).isEqualTo("cust-1");
        assertThat(KioskProtocol.content(deliver.screen()).callToAction()).isEqualTo("Take it");
    }

    @Test
    void anUnknownKindIsNotReadAsAnyMessage() {
        assertThatThrownBy(() -> JSON.readValue("{\"t\":\"shout\",\"id\":\"x\"}", KioskRouteMessage.class))
                .isInstanceOf(InvalidTypeIdException.class);
    }
}
