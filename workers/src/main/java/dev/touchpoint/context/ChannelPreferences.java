package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.util.List;

/**
 * What the customer told us about how to reach them.
 *
 * @param preferred  channels in the order the customer prefers them (best-channel journeys try them in this order);
 *                   channels not listed come after, in their natural order
 * @param quietHours the customer's own quiet hours, honoured on every channel in addition to the channel's default
 *                   ({@link QuietHours#NONE} when they set none)
 */
public record ChannelPreferences(List<Channel> preferred, QuietHours quietHours) {

    public static final ChannelPreferences NONE = new ChannelPreferences(List.of(), QuietHours.NONE);

    public ChannelPreferences {
        preferred = preferred == null ? List.of() : List.copyOf(preferred);
        quietHours = quietHours == null ? QuietHours.NONE : quietHours;
    }
}
