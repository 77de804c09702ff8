package dev.touchpoint.channel.email.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;

/**
 * Where e-mail goes: a real SMTP relay or the embedded sandbox. Decided once at start-up from configuration alone:
 * <ul>
 *   <li>profile {@code cluster}: always the relay; no host, or {@code sandbox.enabled=true}, is a start-up error;</li>
 *   <li>otherwise {@code sandbox.enabled} decides when set; unset, the sandbox is used exactly when no SMTP host is
 *       configured.</li>
 * </ul>
 */
public enum EmailChannelMode {
    SMTP,
    SANDBOX;

    static final String HOST_KEY = "touchpoint.channels.email.smtp.host";
    static final String SANDBOX_KEY = "touchpoint.channels.email.sandbox.enabled";

    /**
     * @throws ChannelMisconfiguredException when the configuration cannot work
     */
    public static EmailChannelMode decide(Boolean sandboxEnabled, String smtpHost, boolean clusterProfile) {
        boolean hostSet = smtpHost != null && !smtpHost.isBlank();
        if (clusterProfile) {
            if (Boolean.TRUE.equals(sandboxEnabled)) {
                throw new ChannelMisconfiguredException(Channel.EMAIL, SANDBOX_KEY
                        + "=true is not allowed in the cluster profile: the sandbox never runs in a cluster");
            }
            if (!hostSet) {
                throw new ChannelMisconfiguredException(Channel.EMAIL, "no SMTP relay configured: set " + HOST_KEY
                        + " (environment TOUCHPOINT_CHANNELS_EMAIL_SMTP_HOST) and, if the relay authenticates, "
                        + "the username and password (TOUCHPOINT_CHANNELS_EMAIL_SMTP_USERNAME / _PASSWORD)");
            }
            return SMTP;
        }
        if (Boolean.FALSE.equals(sandboxEnabled) && !hostSet) {
            throw new ChannelMisconfiguredException(Channel.EMAIL, SANDBOX_KEY + "=false but " + HOST_KEY
                    + " is not set: configure a relay, enable the sandbox, or set "
                    + "touchpoint.channels.email.enabled=false");
        }
        if (sandboxEnabled != null) {
            return sandboxEnabled ? SANDBOX : SMTP;
        }
        return hostSet ? SMTP : SANDBOX;
    }
}
