package dev.touchpoint.brand;

import java.util.Locale;

/** The channels a touchpoint can be rendered for. The lower-case {@link #id()} is used in file names and JSON. */
public enum Channel {
    EMAIL,
    SMS,
    PUSH,
    KIOSK;

    /** Lower-case identifier, e.g. {@code "sms"}: the name used in descriptors, file names and previews. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an identifier as written in a descriptor ({@code "email"}, {@code "SMS"}...).
     *
     * @throws IllegalArgumentException naming the accepted values when the identifier is unknown
     */
    public static Channel fromId(String id) {
        for (Channel channel : values()) {
            if (channel.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return channel;
            }
        }
        throw new IllegalArgumentException("Unknown channel '" + id + "'; expected one of email, sms, push, kiosk");
    }
}
