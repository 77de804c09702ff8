package dev.touchpoint.brand.internal.rules;

/**
 * The brand voice, as far as a machine can check it: no more exclamation marks per field than the
 * {@code voice.max-exclamation-marks} token allows (counting both ASCII and full-width marks).
 */
public final class VoiceRules {

    private VoiceRules() {
    }

    public static void check(String field, String text, int maxExclamationMarks, Violations violations) {
        long marks = text.chars().filter(c -> c == '!' || c == '\uFF01').count();
        if (marks > maxExclamationMarks) {
            violations.warning("voice.exclamation-marks", field, field + " uses " + marks
                    + " exclamation marks; the brand voice allows " + maxExclamationMarks);
        }
    }
}
