package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void gsm7FitsOneHundredSixtyCharactersThenOneHundredFiftyThreePerSegment() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
        assertThat(SmsSegments.isGsm7("Grüße! Ça coûte 5 € @ Köln")).isFalse(); // û is not GSM-7
        assertThat(SmsSegments.isGsm7("Größe: 5 € @ Köln, Ñandú? ¿Sí!")).isFalse(); // ú is not GSM-7
        assertThat(SmsSegments.isGsm7("Gruß aus Köln: 5€ {Rabatt} ~ Ende")).isTrue();
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void anythingElseIsUcs2WithSeventyThenSixtySevenCodeUnits() {
        assertThat(SmsSegments.count("ü".repeat(69) + "ç")).isEqualTo(1); // ç (lower case) is not GSM-7
        assertThat(SmsSegments.count("漢".repeat(70))).isEqualTo(1);
        assertThat(SmsSegments.count("漢".repeat(71))).isEqualTo(2);
        assertThat(SmsSegments.count("👋".repeat(35))).isEqualTo(1); // two UTF-16 units each
        assertThat(SmsSegments.count("👋".repeat(36))).isEqualTo(2);
        assertThat(SmsSegments.count("")).isEqualTo(1);
    }
}
