package dev.touchpoint.delivery;

import dev.touchpoint.channel.Channel;

/** What the delivery module tells operators about the providers it calls (the console's operations page). */
public interface DeliveryMonitor {

    /** This instance's view of the channel's provider since it started. */
    ProviderActivity providerActivity(Channel channel);
}
