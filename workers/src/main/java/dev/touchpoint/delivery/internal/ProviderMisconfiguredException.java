package dev.touchpoint.delivery.internal;

import dev.touchpoint.channel.Channel;

/**
 * The provider rejected Touchpoint's own set-up (bad credentials, missing sender): an operator must fix the
 * configuration, so the job becomes an incident at once; retrying the incident afterwards sends the message.
 */
public class ProviderMisconfiguredException extends RuntimeException {

    public ProviderMisconfiguredException(Channel channel, String detail) {
        super("the " + channel.name().toLowerCase() + " provider is misconfigured: " + detail
                + ". Fix the configuration (see docs/operator-guide.md), then retry the incident.");
    }
}
