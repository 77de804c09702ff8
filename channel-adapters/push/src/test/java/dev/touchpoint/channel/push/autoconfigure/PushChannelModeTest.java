package dev.touchpoint.channel.push.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import org.junit.jupiter.api.Test;

class PushChannelModeTest {

    private static final String KEY = "file:/etc/touchpoint/fcm.json";

    @Test
    void withoutAKeyFileTheEmbeddedDefaultUsesTheSandbox() {
        assertThat(PushChannelMode.decide(null, null, false)).isEqualTo(PushChannelMode.SANDBOX);
        assertThat(PushChannelMode.decide(null, " ", false)).isEqualTo(PushChannelMode.SANDBOX);
    }

    @Test
    void aKeyFileSelectsFcmUnlessTheSandboxIsForced() {
        assertThat(PushChannelMode.decide(null, KEY, false)).isEqualTo(PushChannelMode.FCM);
        assertThat(PushChannelMode.decide(true, KEY, false)).isEqualTo(PushChannelMode.SANDBOX);
    }

    @Test
    void theClusterProfileNeverUsesTheSandbox() {
        assertThat(PushChannelMode.decide(null, KEY, true)).isEqualTo(PushChannelMode.FCM);
        assertThatThrownBy(() -> PushChannelMode.decide(null, null, true))
                .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("TOUCHPOINT_FCM_CREDENTIALS");
        assertThatThrownBy(() -> PushChannelMode.decide(true, KEY, true))
                .hasMessageContaining("not allowed in the cluster profile");
    }

    @Test
    void forbiddingTheSandboxWithoutAKeyFileIsAnError() {
        assertThatThrownBy(() -> PushChannelMode.decide(false, null, false))
                .isInstanceOf(ChannelMisconfiguredException.class);
    }
}
