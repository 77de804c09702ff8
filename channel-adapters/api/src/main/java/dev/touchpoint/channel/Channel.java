package dev.touchpoint.channel;

import java.util.Locale;

/**
 * The channels a touchpoint can be rendered for and delivered on: the one channel type of every module (the brand
 * design system renders for it, the adapters deliver on it, the customer context keeps consent and preferences per
 * channel, the ledger records it). Task types and BPMN error codes are derived from the names; stored forms (context,
 * ledger, campaign rows) hold the plain name.
 */
public enum Channel {
    EMAIL,
    SMS,
    PUSH,
    KIOSK;

    /** Lower-case identifier, e.g. {@code "sms"}: the name used in template descriptors, file names and previews. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a channel as written in a descriptor, an API request or a file ({@code "sms"}, {@code "SMS"}), ignoring
     * case and surrounding blanks.
     *
     * @throws IllegalArgumentException saying what was expected when the name is missing or unknown
     */
    public static Channel parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("channel is missing");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown channel '" + name + "' (expected one of EMAIL, SMS, PUSH, KIOSK)");
        }
    }
}
