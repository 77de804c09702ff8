package dev.touchpoint.channel.email.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import org.junit.jupiter.api.Test;

class EmailChannelModeTest {

    @Test
    void withoutARelayTheEmbeddedDefaultUsesTheSandbox() {
        assertThat(EmailChannelMode.decide(null, null, false)).isEqualTo(EmailChannelMode.SANDBOX);
        assertThat(EmailChannelMode.decide(null, " ", false)).isEqualTo(EmailChannelMode.SANDBOX);
    }

    @Test
    void aConfiguredRelayIsUsedAsSoonAsItIsThere() {
        assertThat(EmailChannelMode.decide(null, "smtp.example.com", false)).isEqualTo(EmailChannelMode.SMTP);
        assertThat(EmailChannelMode.decide(null, "smtp.example.com", true)).isEqualTo(EmailChannelMode.SMTP);
    }

    @Test
    void theSandboxCanBeForcedOutsideTheCluster() {
        assertThat(EmailChannelMode.decide(true, "smtp.example.com", false)).isEqualTo(EmailChannelMode.SANDBOX);
        assertThat(EmailChannelMode.decide(false, "smtp.example.com", false)).isEqualTo(EmailChannelMode.SMTP);
    }

    @Test
    void theClusterNeverGetsASandbox() {
        assertThatThrownBy(() -> EmailChannelMode.decide(null, null, true))
                .isInstanceOf(ChannelMisconfiguredException.class)
                .hasMessageContaining("TOUCHPOINT_CHANNELS_EMAIL_SMTP_HOST")
                .hasMessageContaining("MISCONFIGURED");
        assertThatThrownBy(() -> EmailChannelMode.decide(true, "smtp.example.com", true))
                .isInstanceOf(ChannelMisconfiguredException.class)
                .hasMessageContaining("never runs in a cluster");
    }

    @Test
    void disablingTheSandboxWithoutARelayIsAnError() {
        assertThatThrownBy(() -> EmailChannelMode.decide(false, null, false))
                .isInstanceOf(ChannelMisconfiguredException.class);
    }
}
