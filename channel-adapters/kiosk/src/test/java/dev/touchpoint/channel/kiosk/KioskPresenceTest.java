package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KioskPresenceTest {

    @Test
    void thePresenceRoundTripsThroughJsonWithMillisecondInstants() {
        Instant t = Instant.parse("2026-11-22T10:00:00.123Z");
        KioskPresence full = new KioskPresence("s", "k", "entrance", "i-1", "sess", t, t, t, t.plusSeconds(9), "c");
        KioskPresence bare = new KioskPresence("s", "k", null, "i-1", "sess", t, t, null, null, null);

        assertThat(KioskPresence.fromJson(full.toJson())).isEqualTo(full);
        assertThat(KioskPresence.fromJson(bare.toJson())).isEqualTo(bare);
        assertThat(full.busyAt(t)).isTrue();
        assertThat(full.idle().busyAt(t)).isFalse();
        assertThat(full.key()).isEqualTo("s/k");
    }
}
