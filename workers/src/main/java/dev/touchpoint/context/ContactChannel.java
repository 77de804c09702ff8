package dev.touchpoint.context;

import java.util.Locale;

/**
 * The channels the customer context knows. The names match {@code dev.touchpoint.channel.Channel} of the channel
 * adapters one to one, so converting is {@code ContactChannel.valueOf(channel.name())}; the context keeps its own enum
 * so that it does not depend on the adapter API and its stored form stays a plain name.
 */
public enum ContactChannel {
    EMAIL,
    SMS,
    PUSH,
    KIOSK;

    /** Parses a channel name case-insensitively ({@code "sms"}, {@code "SMS"}). */
    public static ContactChannel parse(String name) {
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
