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

    @Test
    void anAnswerCarriesAScoreOnTheZeroToTenScaleAndASurveyScreenKeepsItsScaleBetweenInstances() throws Exception {
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"ANSWER\",\"score\":4}"))
                .hasValueSatisfying(m -> {
                    assertThat(m.action()).isEqualTo(KioskAction.ANSWER);
                    assertThat(m.score()).isEqualTo(4);
                });
        // no score, a score off every scale, a score that is not a whole number: not an answer
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"ANSWER\"}")).isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"ANSWER\",\"score\":11}")).isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"ANSWER\",\"score\":-1}")).isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"ANSWER\",\"score\":\"4\"}")).isEmpty();
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"ANSWER\",\"score\":4.5}")).isEmpty();
        // the score of another action is ignored
        assertThat(KioskProtocol.parse("{\"type\":\"action\",\"deliveryId\":\"s/k/1\",\"action\":\"DISMISS\",\"score\":4}"))
                .hasValueSatisfying(m -> assertThat(m.score()).isNull());

        KioskContent survey = new KioskContent("<section>How satisfied?</section>", "How satisfied?", Duration.ofSeconds(60),
                "How satisfied?", null, null, "de", Set.of(KioskAction.ANSWER, KioskAction.DISMISS), null,
                new dev.touchpoint.channel.KioskSurvey("csat", 1, 5, true));
        KioskContent back = KioskProtocol.content(new ObjectMapper().readTree(KioskProtocol.content(survey).toString()));
        assertThat(back).isEqualTo(survey);
        assertThat(new ObjectMapper().readTree(KioskProtocol.screen("s/k/2", survey)).path("survey").toString())
                .isEqualTo("{\"metric\":\"csat\",\"min\":1,\"max\":5,\"faces\":true}");
    }

    @Test
    void answerIsOfferedExactlyOnASurveyScreenAndFacesOnlyForFiveScores() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ofSeconds(5), null, null,
                null, null, Set.of(KioskAction.ANSWER), null, null)).hasMessageContaining("ANSWER");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KioskContent("<p/>", "t", Duration.ofSeconds(5), null, null,
                null, null, Set.of(KioskAction.DISMISS), null, new dev.touchpoint.channel.KioskSurvey("nps", 0, 10, false)))
                .hasMessageContaining("ANSWER");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.touchpoint.channel.KioskSurvey("nps", 0, 10, true))
                .hasMessageContaining("faces");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new dev.touchpoint.channel.KioskSurvey("nps", 0, 11, false))
                .hasMessageContaining("0-10");
    }
}
