package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsSenderTest {

    @Test
    void theKindFollowsTheSender() {
        assertThat(SmsSender.messagingService("MG0123456789abcdef0123456789abcdef").kind())
                .isEqualTo(SmsSender.Kind.MESSAGING_SERVICE);
        assertThat(SmsSender.number("+14155550100").kind()).isEqualTo(SmsSender.Kind.LONG_CODE);
        assertThat(SmsSender.number("+18885550100").kind()).isEqualTo(SmsSender.Kind.TOLL_FREE);
        assertThat(SmsSender.number("+4915112345678").kind()).isEqualTo(SmsSender.Kind.LONG_CODE);
        assertThat(SmsSender.number("72345").kind()).isEqualTo(SmsSender.Kind.SHORT_CODE);
        assertThat(SmsSender.number("Touchpoint").kind()).isEqualTo(SmsSender.Kind.ALPHANUMERIC);
    }

    @Test
    void theMessagingServiceIsTheRateKeyWhenBothAreSet() {
        SmsSender both = new SmsSender("MG0123456789abcdef0123456789abcdef", "+14155550100");

        assertThat(both.key()).isEqualTo("MG0123456789abcdef0123456789abcdef");
        assertThat(both.kind()).isEqualTo(SmsSender.Kind.MESSAGING_SERVICE);
    }

    @Test
    void malformedSendersAreRefused() {
        assertThatThrownBy(() -> new SmsSender(null, " ")).hasMessageContaining("needs");
        assertThatThrownBy(() -> SmsSender.messagingService("MG123")).hasMessageContaining("MG");
        assertThatThrownBy(() -> SmsSender.number("0171 555")).hasMessageContaining("E.164");
        assertThatThrownBy(() -> SmsSender.number("TooLongSenderId")).hasMessageContaining("E.164");
    }
}
