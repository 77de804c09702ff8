package dev.touchpoint.channel;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of SMS keyword the carriers and Twilio's Advanced Opt-Out recognise, with their default keyword lists.
 * A message is a keyword when its whole text, trimmed and ignoring case and trailing punctuation, is one of them.
 */
public enum SmsKeyword {
    /** Opt out: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT. */
    STOP(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")),
    /** Opt back in: START, YES, UNSTOP. */
    START(Set.of("START", "YES", "UNSTOP")),
    /** Ask for help: HELP, INFO. */
    HELP(Set.of("HELP", "INFO"));

    private final Set<String> words;

    SmsKeyword(Set<String> words) {
        this.words = words;
    }

    /** The keywords of this kind, upper case. */
    public Set<String> words() {
        return words;
    }

    /** The keyword kind of a message body, if the body is a keyword. */
    public static Optional<SmsKeyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip();
        int end = word.length();
        while (end > 0 && ".!?".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        String normalised = word.substring(0, end).strip().toUpperCase(Locale.ROOT);
        for (SmsKeyword kind : values()) {
            if (kind.words.contains(normalised)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
