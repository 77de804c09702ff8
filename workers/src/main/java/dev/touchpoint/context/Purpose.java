package dev.touchpoint.context;

import java.util.Locale;

/**
 * Why a message is sent. Consent is recorded per channel and purpose; the contact budget counts marketing only.
 */
public enum Purpose {
    /** Promotional content: needs consent (opt-in by default), counts against the contact budget, waits for quiet hours. */
    MARKETING,
    /** Messages the customer expects because of something they did (receipt, delivery notice, one-time code). */
    TRANSACTIONAL;

    public static Purpose parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("purpose is missing");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown purpose '" + name + "' (expected MARKETING or TRANSACTIONAL)");
        }
    }
}
