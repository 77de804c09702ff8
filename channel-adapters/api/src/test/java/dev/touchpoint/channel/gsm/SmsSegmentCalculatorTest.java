package dev.touchpoint.channel.gsm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segment counts against Twilio's published rules (twilio.com/docs/glossary/what-sms-character-limit and the
 * TwilioDevEd message-segment-calculator): GSM-7 160 single / 153 per part, UCS-2 70 / 67, extension characters two
 * septets, characters outside the BMP two code units, nothing split across parts.
 */
class SmsSegmentCalculatorTest {

    private static SmsSegments analyse(String body) {
        return SmsSegmentCalculator.analyse(body);
    }

    @Test
    void gsm7_160_characters_fit_one_segment_and_161_need_two() {
        SmsSegments exactly = analyse("a".repeat(160));
        assertThat(exactly.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(exactly.segments()).isEqualTo(1);
        assertThat(exactly.units()).isEqualTo(160);
        assertThat(exactly.unitsPerSegment()).isEqualTo(160);

        SmsSegments oneMore = analyse("a".repeat(161));
        assertThat(oneMore.segments()).isEqualTo(2);
        assertThat(oneMore.unitsPerSegment()).isEqualTo(153);
        assertThat(oneMore.segmentTexts()).extracting(String::length).containsExactly(153, 8);
    }

    @Test
    void gsm7_multipart_boundaries_are_multiples_of_153() {
        assertThat(analyse("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(analyse("a".repeat(307)).segments()).isEqualTo(3);
        assertThat(analyse("a".repeat(459)).segments()).isEqualTo(3);
        assertThat(analyse("a".repeat(460)).segments()).isEqualTo(4);
    }

    @Test
    void ucs2_70_characters_fit_one_segment_and_71_need_two() {
        SmsSegments exactly = analyse("字".repeat(70));
        assertThat(exactly.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(exactly.segments()).isEqualTo(1);
        assertThat(exactly.units()).isEqualTo(70);

        SmsSegments oneMore = analyse("字".repeat(71));
        assertThat(oneMore.segments()).isEqualTo(2);
        assertThat(oneMore.unitsPerSegment()).isEqualTo(67);
        assertThat(oneMore.segmentTexts()).extracting(String::length).containsExactly(67, 4);
        assertThat(analyse("字".repeat(134)).segments()).isEqualTo(2);
        assertThat(analyse("字".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void one_non_gsm_character_turns_the_whole_message_into_ucs2() {
        SmsSegments latin = analyse("a".repeat(100));
        SmsSegments withCurlyQuote = analyse("a".repeat(99) + "\u2019");
        assertThat(latin.segments()).isEqualTo(1);
        assertThat(withCurlyQuote.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(withCurlyQuote.segments()).isEqualTo(2);
        assertThat(withCurlyQuote.nonGsmCharacters()).containsExactly("\u2019");
    }

    @Test
    void euro_sign_counts_two_septets() {
        assertThat(analyse("€".repeat(80)).units()).isEqualTo(160);
        assertThat(analyse("€".repeat(80)).segments()).isEqualTo(1);
        assertThat(analyse("€".repeat(80)).characters()).isEqualTo(80);
        assertThat(analyse("€".repeat(81)).segments()).isEqualTo(2);
        assertThat(analyse("a".repeat(159) + "€").segments()).isEqualTo(2);
        assertThat(analyse("a".repeat(158) + "€").segments()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"})
    void every_extension_character_counts_two_septets(String extension) {
        SmsSegments result = analyse(extension);
        assertThat(result.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(result.units()).isEqualTo(2);
        assertThat(analyse("a".repeat(158) + extension).segments()).isEqualTo(1);
        assertThat(analyse("a".repeat(159) + extension).segments()).isEqualTo(2);
    }

    @Test
    void an_escape_sequence_is_never_split_between_two_parts() {
        // 152 septets leave one free septet in the first part: the two septets of the euro sign move to the next.
        SmsSegments result = analyse("a".repeat(152) + "€" + "a".repeat(10));
        assertThat(result.units()).isEqualTo(164);
        assertThat(result.segmentTexts()).extracting(String::length).containsExactly(152, 11);
        assertThat(result.segmentTexts().get(1)).startsWith("€");
    }

    @Test
    void twilio_calculator_vectors_with_escape_characters() {
        // From Twilio's segment calculator tests: "{" plus digits, 160 septets in one segment, 161 in two.
        String digits = "234567890".repeat(20);
        assertThat(analyse("{" + digits.substring(0, 158)).segments()).isEqualTo(1);
        assertThat(analyse("{" + digits.substring(0, 158)).units()).isEqualTo(160);
        assertThat(analyse("{" + digits.substring(0, 159)).segments()).isEqualTo(2);
        assertThat(analyse("{" + digits.substring(0, 159)).units()).isEqualTo(161);
    }

    @Test
    void emoji_count_two_code_units_and_force_ucs2() {
        String digits = "234567890".repeat(20);
        SmsSegments single = analyse("😜" + digits.substring(0, 68));
        assertThat(single.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(single.units()).isEqualTo(70);
        assertThat(single.characters()).isEqualTo(69);
        assertThat(single.segments()).isEqualTo(1);
        assertThat(analyse("😜" + digits.substring(0, 69)).segments()).isEqualTo(2);
        // Twilio's second vector: an emoji and 133 digits are 135 code units: three parts, the last holding one digit.
        SmsSegments three = analyse("😜" + digits.substring(0, 133));
        assertThat(three.segments()).isEqualTo(3);
        assertThat(three.segmentTexts().get(2)).hasSize(1);
    }

    @Test
    void a_surrogate_pair_is_never_split_between_two_parts() {
        // 66 units, then an emoji (2 units) that does not fit in the 67th place of the first part.
        SmsSegments result = analyse("字".repeat(66) + "😜" + "字".repeat(5));
        assertThat(result.units()).isEqualTo(73);
        assertThat(result.segments()).isEqualTo(2);
        assertThat(result.segmentTexts().get(0)).isEqualTo("字".repeat(66));
        assertThat(result.segmentTexts().get(1)).startsWith("😜");
    }

    @Test
    void an_emoji_sequence_stays_in_one_part() {
        String family = "👨\u200D👩\u200D👧";
        SmsSegments result = analyse("字".repeat(64) + family);
        assertThat(family.length()).isEqualTo(8);
        assertThat(result.characters()).isEqualTo(65);
        assertThat(result.units()).isEqualTo(72);
        assertThat(result.segmentTexts()).containsExactly("字".repeat(64), family);
    }

    @Test
    void gsm7_alphabet_has_127_basic_characters_and_german_letters() {
        assertThat(Gsm7Alphabet.BASIC.codePoints().distinct().count()).isEqualTo(127);
        for (char c : "äöüÄÖÜßéèàÉÇØøÅåÑñ£¥§¿¡@_".toCharArray()) {
            assertThat(Gsm7Alphabet.isBasic(c)).as("%s", c).isTrue();
        }
        for (char c : "`çêáóú\u00A0\u2019\u2013\u2026".toCharArray()) {
            assertThat(Gsm7Alphabet.contains(c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(Gsm7Alphabet.contains(0x1F61C)).isFalse();
    }

    @Test
    void line_breaks_are_gsm_including_crlf() {
        SmsSegments result = analyse("a\r\nb\nc");
        assertThat(result.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(result.units()).isEqualTo(6);
    }

    @Test
    void an_empty_body_has_no_segments() {
        assertThat(analyse("").segments()).isZero();
    }

    @Test
    void segment_counts_follow_the_formula_for_every_length() {
        for (int n = 1; n <= 1000; n++) {
            int expected = n <= 160 ? 1 : (n + 152) / 153;
            assertThat(analyse("x".repeat(n)).segments()).as("%d GSM-7 characters", n).isEqualTo(expected);
        }
        for (int n = 1; n <= 500; n++) {
            int expected = n <= 70 ? 1 : (n + 66) / 67;
            assertThat(analyse("ж".repeat(n)).segments()).as("%d UCS-2 characters", n).isEqualTo(expected);
        }
    }
}
