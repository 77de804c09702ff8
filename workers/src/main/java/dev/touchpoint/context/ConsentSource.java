package dev.touchpoint.context;

import java.util.Locale;

/** Where a consent change came from; kept with the record as part of its proof. */
public enum ConsentSource {
    /** The REST API (an operator or a connected system). */
    API,
    /** A customer import file; the proof names the file and line. */
    IMPORT,
    /** An inbound SMS keyword (STOP, START); the proof is the inbound message id. */
    SMS_KEYWORD,
    /** The unsubscribe link of an email; the proof is the link's token or message id. */
    EMAIL_UNSUBSCRIBE,
    /** A preference centre page the customer used. */
    PREFERENCE_CENTER,
    /** A confirmed double opt-in (the customer clicked the confirmation link); the proof names the confirmation. */
    DOUBLE_OPT_IN,
    /** Given at an in-store kiosk. */
    KIOSK,
    /** Anything else a connected system reports; the proof says what. */
    OTHER;

    /**
     * Whether a grant from this source is the customer's own fresh expression of consent, which is what it takes to
     * grant again after a withdrawal or for an address on the suppression list (ADR-0005): an SMS START, the
     * preference centre, a confirmed double opt-in, or the customer at a kiosk. Imports, plain API calls and other
     * systems are not: they may copy an old "granted" that the customer has since taken back.
     */
    public boolean provesFreshOptIn() {
        return this == SMS_KEYWORD || this == PREFERENCE_CENTER || this == DOUBLE_OPT_IN || this == KIOSK;
    }

    /** Reads a stored or submitted source; unknown names become {@link #OTHER} so that old readers never fail. */
    public static ConsentSource parse(String value) {
        if (value == null || value.isBlank()) {
            return OTHER;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
