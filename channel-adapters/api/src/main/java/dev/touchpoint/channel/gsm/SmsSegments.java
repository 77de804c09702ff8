package dev.touchpoint.channel.gsm;


import java.util.List;

/**
 * How an SMS body travels.
 *
 * @param encoding            GSM-7 when every character is in the GSM 03.38 alphabet, else UCS-2
 * @param segments            billed segments (0 for an empty body)
 * @param units               septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param characters          user-perceived characters (extended grapheme clusters)
 * @param unitsPerSegment     the capacity used: 160/153 (GSM-7) or 70/67 (UCS-2), depending on single vs multi-part
 * @param nonGsmCharacters    the distinct characters that forced UCS-2, in order of appearance
 * @param segmentTexts        the text of each segment; a grapheme (an emoji, an ESC sequence) is never split
 */
public record SmsSegments(SmsEncoding encoding, int segments, int units, int characters, int unitsPerSegment,
                          List<String> nonGsmCharacters, List<String> segmentTexts) {

    public SmsSegments {
        nonGsmCharacters = List.copyOf(nonGsmCharacters);
        segmentTexts = List.copyOf(segmentTexts);
    }
}
