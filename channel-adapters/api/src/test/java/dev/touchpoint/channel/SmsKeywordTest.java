package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordTest {

    @ParameterizedTest
    @CsvSource({
        "STOP,STOP", "stop,STOP", "  Stop  ,STOP", "StopAll,STOP", "UNSUBSCRIBE,STOP", "cancel,STOP", "end,STOP",
        "quit,STOP", "Stop.,STOP", "STOP!,STOP",
        "START,START", "yes,START", "Unstop,START",
        "HELP,HELP", "info,HELP", "help?,HELP"
    })
    void keywordsAreRecognisedIgnoringCaseSpacesAndTrailingPunctuation(String body, SmsKeyword expected) {
        assertThat(SmsKeyword.of(body)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "please stop", "STOP it", "stopp", "yes please", "!", "S T O P"})
    void otherTextIsNotAKeyword(String body) {
        assertThat(SmsKeyword.of(body)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void nullIsNotAKeyword() {
        assertThat(SmsKeyword.of(null)).isEmpty();
    }
}
