package dev.touchpoint.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.gsm.SmsEncoding;
import dev.touchpoint.channel.gsm.SmsSegmentCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The segments the adapter reserves from the rate limiter ({@link TwilioSmsAdapter#segments}): the brand design
 * system's counter, at least one. The tables at the segment borders are where a counter that divides by 153 or 67
 * goes wrong: an escape sequence or a surrogate pair that does not fit in a part moves whole to the next.
 */
class SegmentCountTest {

    private static boolean isGsm7(String body) {
        return SmsSegmentCalculator.analyse(body).encoding() == SmsEncoding.GSM_7;
    }

    @Test
    void gsm7FitsOneHundredSixtyCharactersThenOneHundredFiftyThreePerSegment() {
        assertThat(TwilioSmsAdapter.segments("a".repeat(160))).isEqualTo(1);
        assertThat(TwilioSmsAdapter.segments("a".repeat(161))).isEqualTo(2);
        assertThat(TwilioSmsAdapter.segments("a".repeat(306))).isEqualTo(2);
        assertThat(TwilioSmsAdapter.segments("a".repeat(307))).isEqualTo(3);
        assertThat(isGsm7("Grüße! Ça coûte 5 € @ Köln")).isFalse(); // û is not GSM-7
        assertThat(isGsm7("Größe: 5 € @ Köln, Ñandú? ¿Sí!")).isFalse(); // ú is not GSM-7
        assertThat(isGsm7("Gruß aus Köln: 5€ {Rabatt} ~ Ende")).isTrue();
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(TwilioSmsAdapter.segments("€".repeat(80))).isEqualTo(1);
        assertThat(TwilioSmsAdapter.segments("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void anythingElseIsUcs2WithSeventyThenSixtySevenCodeUnits() {
        assertThat(TwilioSmsAdapter.segments("ü".repeat(69) + "ç")).isEqualTo(1); // ç (lower case) is not GSM-7
        assertThat(TwilioSmsAdapter.segments("漢".repeat(70))).isEqualTo(1);
        assertThat(TwilioSmsAdapter.segments("漢".repeat(71))).isEqualTo(2);
        assertThat(TwilioSmsAdapter.segments("👋".repeat(35))).isEqualTo(1); // two UTF-16 units each
        assertThat(TwilioSmsAdapter.segments("👋".repeat(36))).isEqualTo(2);
        assertThat(TwilioSmsAdapter.segments("")).isEqualTo(1);
    }

    /**
     * {@code prefix} basic characters, then {@code escapes} extension characters (two septets each), then
     * {@code suffix} basic characters. Rows with the same total differ only in where the escape sequence meets the
     * border of the 153-septet parts; dividing the total by 153 would count two for both.
     */
    @ParameterizedTest(name = "{0} + {1} escapes + {2}: {3} septets, {4} segments")
    @CsvSource({
        "158, 1, 0, 160, 1",   // 160 septets, the last two an escape: one SMS
        "159, 1, 0, 161, 2",   // 161 septets: two parts, 153 + 8
        "151, 1, 153, 306, 2", // the escape ends exactly at septet 153: 153 + 153
        "152, 1, 152, 306, 3", // it cannot straddle septets 153/154: it opens part two, and 306 septets need three
        "304, 1, 0, 306, 2",   // the escape ends exactly at septet 306
        "305, 1, 0, 307, 3",
    })
    void anEscapeSequenceIsNeverSplitAcrossTheBorderOfTwoParts(int prefix, int escapes, int suffix, int septets,
                                                                int segments) {
        String body = "a".repeat(prefix) + "€".repeat(escapes) + "a".repeat(suffix);
        assertThat(prefix + 2 * escapes + suffix).isEqualTo(septets);
        assertThat(isGsm7(body)).isTrue();
        assertThat(TwilioSmsAdapter.segments(body)).isEqualTo(segments);
    }

    /**
     * {@code prefix} UCS-2 characters of one code unit (漢), then one emoji of two code units (a surrogate pair), then
     * {@code suffix} more: the pair never straddles the border of the 67-unit parts.
     */
    @ParameterizedTest(name = "{0} + pair + {1}: {2} code units, {3} segments")
    @CsvSource({
        "68, 0, 70, 1",   // 70 units: one SMS
        "69, 0, 71, 2",   // 71 units: two parts
        "65, 67, 134, 2", // the pair ends exactly at unit 67: 67 + 67
        "66, 66, 134, 3", // it cannot straddle units 67/68: it opens part two, and 134 units need three
        "132, 0, 134, 2", // the pair ends exactly at unit 134
        "133, 0, 135, 3",
    })
    void aSurrogatePairIsNeverSplitAcrossTheBorderOfTwoParts(int prefix, int suffix, int units, int segments) {
        String body = "漢".repeat(prefix) + "👋" + "漢".repeat(suffix);
        assertThat(body.length()).isEqualTo(units);
        assertThat(TwilioSmsAdapter.segments(body)).isEqualTo(segments);
    }
}
