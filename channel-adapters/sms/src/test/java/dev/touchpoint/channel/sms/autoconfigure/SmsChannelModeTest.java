package dev.touchpoint.channel.sms.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import org.junit.jupiter.api.Test;

class SmsChannelModeTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";

    @Test
    void withoutCredentialsTheEmbeddedDefaultUsesTheSandbox() {
        assertThat(SmsChannelMode.decide(null, null, null, false, false)).isEqualTo(SmsChannelMode.SANDBOX);
        assertThat(SmsChannelMode.decide(null, "", " ", false, false)).isEqualTo(SmsChannelMode.SANDBOX);
    }

    @Test
    void configuredCredentialsAreUsedAtOnce() {
        assertThat(SmsChannelMode.decide(null, SID, "token", true, false)).isEqualTo(SmsChannelMode.TWILIO);
        assertThat(SmsChannelMode.decide(null, SID, "token", true, true)).isEqualTo(SmsChannelMode.TWILIO);
        assertThat(SmsChannelMode.decide(true, SID, "token", true, false)).isEqualTo(SmsChannelMode.SANDBOX);
    }

    @Test
    void theClusterNeverGetsASandbox() {
        assertThatThrownBy(() -> SmsChannelMode.decide(null, null, null, false, true))
                .isInstanceOf(ChannelMisconfiguredException.class)
                .hasMessageContaining("TWILIO_ACCOUNT_SID").hasMessageContaining("cluster");
        assertThatThrownBy(() -> SmsChannelMode.decide(true, SID, "token", true, true))
                .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("never runs");
    }

    @Test
    void halfCredentialsOrNoSenderAreErrors() {
        assertThatThrownBy(() -> SmsChannelMode.decide(null, SID, null, true, false))
                .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("incomplete");
        assertThatThrownBy(() -> SmsChannelMode.decide(null, SID, "token", false, false))
                .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("no sender");
        assertThatThrownBy(() -> SmsChannelMode.decide(false, null, null, true, false))
                .isInstanceOf(ChannelMisconfiguredException.class);
    }
}
