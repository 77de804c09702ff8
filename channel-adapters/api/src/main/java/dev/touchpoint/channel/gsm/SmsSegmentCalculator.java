package dev.touchpoint.channel.gsm;


import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Counts SMS segments the way carriers (and Twilio's published rules and segment calculator) do.
 *
 * <p>A message is GSM-7 when every character is in the GSM 03.38 basic or extension table, otherwise UCS-2. A single
 * SMS carries 140 octets: 160 septets or 70 UTF-16 code units. A longer message is split into parts whose 6-octet
 * user data header leaves 153 septets or 67 code units each. Extension characters ({@code € [ ] { } ^ ~ | \} and form
 * feed) take two septets; characters outside the Basic Multilingual Plane (most emoji) take two code units. A
 * character is never split across two parts: an ESC sequence or a surrogate pair (or a whole emoji sequence) that does
 * not fit in the remaining space of a part moves to the next, exactly as Twilio's calculator groups by grapheme.
 *
 * <p>One deliberate difference from Twilio's calculator: a grapheme made only of GSM characters (the CR LF pair) stays
 * GSM-7, because both characters are in the GSM alphabet.
 */
public final class SmsSegmentCalculator {

    /** Octets in one SMS. */
    private static final int SMS_BITS = 140 * 8;
    /** The concatenation user data header: 6 octets. */
    private static final int UDH_BITS = 6 * 8;

    public static final int GSM7_SINGLE = 160;
    public static final int GSM7_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    private SmsSegmentCalculator() {
    }

    public static SmsSegments analyse(String body) {
        List<String> graphemes = graphemes(body);
        Set<String> nonGsm = new LinkedHashSet<>();
        for (String grapheme : graphemes) {
            if (!isGsm(grapheme)) {
                nonGsm.add(grapheme);
            }
        }
        SmsEncoding encoding = nonGsm.isEmpty() ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
        int bitsPerUnit = encoding == SmsEncoding.GSM_7 ? 7 : 16;
        int[] sizes = new int[graphemes.size()];
        int totalUnits = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = units(graphemes.get(i), encoding);
            totalUnits += sizes[i];
        }
        if (graphemes.isEmpty()) {
            return new SmsSegments(encoding, 0, 0, 0, single(encoding), List.copyOf(nonGsm), List.of());
        }
        if (totalUnits * bitsPerUnit <= SMS_BITS) {
            return new SmsSegments(encoding, 1, totalUnits, graphemes.size(), single(encoding), List.copyOf(nonGsm),
                    List.of(body));
        }
        int capacityBits = SMS_BITS - UDH_BITS;
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int usedBits = 0;
        for (int i = 0; i < sizes.length; i++) {
            int bits = sizes[i] * bitsPerUnit;
            if (usedBits + bits > capacityBits) {
                parts.add(part.toString());
                part.setLength(0);
                usedBits = 0;
            }
            part.append(graphemes.get(i));
            usedBits += bits;
        }
        parts.add(part.toString());
        return new SmsSegments(encoding, parts.size(), totalUnits, graphemes.size(), part(encoding),
                List.copyOf(nonGsm), parts);
    }

    private static int single(SmsEncoding encoding) {
        return encoding == SmsEncoding.GSM_7 ? GSM7_SINGLE : UCS2_SINGLE;
    }

    private static int part(SmsEncoding encoding) {
        return encoding == SmsEncoding.GSM_7 ? GSM7_PART : UCS2_PART;
    }

    private static boolean isGsm(String grapheme) {
        return grapheme.codePoints().allMatch(Gsm7Alphabet::contains);
    }

    private static int units(String grapheme, SmsEncoding encoding) {
        if (encoding == SmsEncoding.UCS_2) {
            return grapheme.length();
        }
        return grapheme.codePoints().map(Gsm7Alphabet::septets).sum();
    }

    static List<String> graphemes(String text) {
        List<String> result = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getCharacterInstance(Locale.ROOT);
        iterator.setText(text);
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            result.add(text.substring(start, end));
        }
        return result;
    }
}
