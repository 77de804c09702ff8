package dev.touchpoint.context.internal;

import dev.touchpoint.context.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    @Test
    void parsesAndWrapsPastMidnight() {
        QuietHours night = QuietHours.parse("21:00-08:00");
        assertThat(night.contains(LocalTime.of(21, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(23, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(0, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(7, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(8, 0))).isFalse();
        assertThat(night.contains(LocalTime.of(20, 59))).isFalse();
        assertThat(QuietHours.parse("12:00-14:00").contains(LocalTime.of(13, 0))).isTrue();
        assertThat(QuietHours.parse("none").isNone()).isTrue();
        assertThat(QuietHours.NONE.contains(LocalTime.NOON)).isFalse();
        assertThat(night.toString()).isEqualTo("21:00-08:00");
        assertThatThrownBy(() -> QuietHours.parse("9pm-8am")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowEndsAtTheNextLocalEndAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        QuietHours night = QuietHours.parse("21:00-08:00");
        // the night of the spring change (2026-03-29 02:00 -> 03:00): 08:00 CEST is 06:00 UTC
        assertThat(night.endOfWindow(Instant.parse("2026-03-28T22:00:00Z"), berlin)).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        // the night of the autumn change (2026-10-25): 08:00 CET is 07:00 UTC
        assertThat(night.endOfWindow(Instant.parse("2026-10-25T01:30:00Z"), berlin)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        // a window ending inside the skipped hour ends at the first valid instant after it
        QuietHours intoGap = QuietHours.parse("01:00-02:30");
        assertThat(intoGap.endOfWindow(Instant.parse("2026-03-29T00:15:00Z"), berlin)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // outside the window: now
        Instant noon = Instant.parse("2026-06-01T10:00:00Z");
        assertThat(night.endOfWindow(noon, berlin)).isEqualTo(noon);
    }

    @Test
    void windowEndingInsideARepeatedHourIsAfterNow() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        QuietHours shortNight = QuietHours.parse("00:30-02:30");
        // 2026-10-25 02:10 CET (second occurrence) = 01:10Z: the window ends at 02:30 CET = 01:30Z
        Instant secondPass = Instant.parse("2026-10-25T01:10:00Z");
        assertThat(shortNight.endOfWindow(secondPass, berlin)).isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }
}
