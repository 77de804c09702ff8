package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KioskProtocolTest {

    @Test
    void pageMessagesAreParsedStrictly() {
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"SEND_TO_PHONE\"}"))
                .hasValueSatisfying(m -> {
                    assertThat(m.type()).isEqualTo("action");
                    assertThat(m.action()).isEqualTo(KioskAction.SEND_TO_PHONE);
                });
        assertThat(KioskProtocol.parse("{\"type\":\"ping\"}")).isPresent();
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"x\",\"action\":\"FORMAT_DISK\"}"))
                .isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"displayed\"}")).isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"displayed\",\"deliveryId\":\"" + "x".repeat(301) + "\"}"))
                .isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"displayed\",\"deliveryId\":42}")).isEmpty();
        assertThat(KioskProtocol.parse("not json")).isEmpty();
        assertThat(KioskProtocol.parse("[1,2]")).isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"shutdown\"}")).isEmpty();
    }

    @Test
    void aScreenSurvivesTheTripBetweenInstances() throws Exception {
        KioskContent content = new KioskContent("<section>Hi &amp; welcome</section>", "Hi", Duration.ofSeconds(45),
                "Hi", "10 % off", "Take it", "zh-Hant", Set.of(KioskAction.ACCEPT_OFFER, KioskAction.DISMISS),
                Duration.ofSeconds(3));

        KioskContent back = KioskProtocol.content(new ObjectMapper().readTree(
                KioskProtocol.content(content).toString()));

        assertThat(back).isEqualTo(content);
        String screen = KioskProtocol.screen("s/k/1", new KioskContent("<p/>", "t", Duration.ofSeconds(5)));
        assertThat(new ObjectMapper().readTree(screen).path("lang").asText()).isEqualTo("en");
        assertThat(new ObjectMapper().readTree(screen).path("actions")).hasSize(1);
    }
}
