package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.util.EnumMap;
import java.util.Map;

/**
 * When channels stay silent, in the customer's own time zone.
 *
 * @param defaults             quiet hours of every channel not listed in {@code channels}
 * @param channels             per-channel quiet hours ({@link QuietHours#NONE} for a channel that is never quiet)
 * @param includeTransactional whether quiet hours also hold back transactional touchpoints (HIGH priority ones pass
 *                             anyway); marketing is always held back
 */
public record QuietHoursPolicy(QuietHours defaults, Map<Channel, QuietHours> channels, boolean includeTransactional) {

    /** 21:00-08:00 on every channel except the kiosk (the customer is standing in the store); marketing only. */
    public static final QuietHoursPolicy DEFAULT = new QuietHoursPolicy(QuietHours.parse("21:00-08:00"),
            Map.of(Channel.KIOSK, QuietHours.NONE), false);

    public QuietHoursPolicy {
        defaults = defaults == null ? QuietHours.NONE : defaults;
        EnumMap<Channel, QuietHours> copy = new EnumMap<>(Channel.class);
        if (channels != null) {
            copy.putAll(channels);
        }
        channels = Map.copyOf(copy);
    }

    public QuietHours forChannel(Channel channel) {
        return channels.getOrDefault(channel, defaults);
    }

    /** Whether quiet hours apply to a touchpoint of this purpose and priority. */
    public boolean appliesTo(Purpose purpose, Priority priority) {
        return purpose == Purpose.MARKETING || (includeTransactional && priority != Priority.HIGH);
    }
}
