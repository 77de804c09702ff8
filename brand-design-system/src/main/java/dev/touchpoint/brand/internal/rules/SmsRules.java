package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.channel.gsm.SmsEncoding;
import dev.touchpoint.channel.gsm.SmsSegments;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rules for SMS: a non-empty body that names the brand (carriers require the sender to be identifiable), a segment
 * count within the template's budget, opt-out wording on marketing messages, and a warning when typographic
 * characters (curly quotes, dashes, ellipsis) push a message into UCS-2, which more than halves its capacity.
 */
public final class SmsRules {

    /** Typographic characters and the GSM-7 characters they could be written as (subset of Twilio Smart Encoding). */
    static final Map<String, String> GSM_LOOKALIKES = Map.ofEntries(
            Map.entry("\u2018", "'"), Map.entry("\u2019", "'"), Map.entry("\u201A", "'"), Map.entry("\u2032", "'"),
            Map.entry("\u201C", "\""), Map.entry("\u201D", "\""), Map.entry("\u201E", "\""), Map.entry("\u2033", "\""),
            Map.entry("\u2013", "-"), Map.entry("\u2014", "-"), Map.entry("\u2212", "-"), Map.entry("\u2026", "..."),
            Map.entry("\u00A0", " "), Map.entry("\u202F", " "), Map.entry("\u2009", " "), Map.entry("\u2022", "-"),
            Map.entry("\u00AB", "\""), Map.entry("\u00BB", "\""), Map.entry("\u2039", "'"), Map.entry("\u203A", "'"));

    private SmsRules() {
    }

    public static void check(String body, SmsSegments segments, int budget, String brandName, boolean marketing,
                             String optOut, Violations violations) {
        if (body.isBlank()) {
            violations.error("sms.empty", "body", "the SMS body is empty");
            return;
        }
        if (brandName != null && !brandName.isBlank() && !body.contains(brandName)) {
            violations.error("sms.sender-identified", "body", "the SMS must name the brand (" + brandName
                    + ") so the recipient knows who sent it");
        }
        if (marketing && (optOut == null || !body.contains(optOut))) {
            violations.error("sms.opt-out", "body", "marketing SMS must contain the opt-out wording");
        }
        if (segments.segments() > budget) {
            violations.error("sms.segment-budget", "body", "the SMS needs " + segments.segments() + " "
                    + describe(segments) + " segments (" + segments.units() + " "
                    + (segments.encoding() == SmsEncoding.GSM_7 ? "septets" : "UTF-16 code units")
                    + ") but the template allows " + budget);
        }
        if (segments.encoding() == SmsEncoding.UCS_2) {
            List<String> lookalikes = segments.nonGsmCharacters().stream().filter(GSM_LOOKALIKES::containsKey)
                    .toList();
            boolean onlyLookalikes = lookalikes.size() == segments.nonGsmCharacters().size();
            if (!lookalikes.isEmpty() && onlyLookalikes) {
                violations.warning("sms.ucs2-lookalike", "body", "the SMS is UCS-2 (70/67 characters per segment)"
                        + " only because of " + lookalikes.stream().map(SmsRules::describeChar)
                        .collect(Collectors.joining(", ")) + "; the GSM-7 equivalents would keep it at 160/153");
            }
        }
    }

    private static String describe(SmsSegments segments) {
        return segments.encoding() == SmsEncoding.GSM_7 ? "GSM-7" : "UCS-2";
    }

    static String describeChar(String c) {
        return "'" + c + "' (U+" + String.format("%04X", c.codePointAt(0)) + ")";
    }
}
