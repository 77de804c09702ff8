package dev.touchpoint.context.internal;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.QuietHours;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the decision needs from the profile, read by the caller (from the near cache) and shipped with the entry
 * processor: the same profile the worker then renders and delivers with.
 *
 * @param timeZone    the customer's zone, or null for the policy default
 * @param addressable channels with an address in the profile (the kiosk is decided by store presence)
 * @param quietHours  the customer's own quiet hours
 */
public record CustomerFacts(ZoneId timeZone, Set<Channel> addressable, QuietHours quietHours) {

    public CustomerFacts {
        addressable = addressable.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(addressable));
        quietHours = quietHours == null ? QuietHours.NONE : quietHours;
    }

    public static CustomerFacts of(CustomerProfile profile) {
        EnumSet<Channel> channels = EnumSet.noneOf(Channel.class);
        for (Channel channel : Channel.values()) {
            if (channel != Channel.KIOSK && profile.hasAddressFor(channel)) {
                channels.add(channel);
            }
        }
        return new CustomerFacts(profile.timeZone(), channels, profile.preferences().quietHours());
    }
}
