package dev.touchpoint.context;

import java.util.Locale;
import java.util.Optional;

/** Inbound SMS keywords that change consent (CTIA / carrier standard keywords). */
public enum SmsKeyword {
    /** STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE. */
    STOP,
    /** START, UNSTOP, YES, OPTIN. */
    START;

    /** Recognises a keyword in an inbound SMS body (the whole body, trimmed, any case); empty for anything else. */
    public static Optional<SmsKeyword> recognise(String body) {
        if (body == null) {
            return Optional.empty();
        }
        return switch (body.trim().toUpperCase(Locale.ROOT)) {
            case "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE" -> Optional.of(STOP);
            case "START", "UNSTOP", "YES", "OPTIN" -> Optional.of(START);
            default -> Optional.empty();
        };
    }
}
