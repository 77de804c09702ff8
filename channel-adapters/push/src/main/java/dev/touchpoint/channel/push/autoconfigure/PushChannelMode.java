package dev.touchpoint.channel.push.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;

/**
 * Where push notifications go: Firebase Cloud Messaging or the embedded sandbox. Decided once at start-up from
 * configuration alone:
 * <ul>
 *   <li>profile {@code cluster}: always FCM; no key file, or {@code sandbox.enabled=true}, is a start-up error;</li>
 *   <li>otherwise {@code sandbox.enabled} decides when set; unset, the sandbox is used exactly when no key file is
 *       configured.</li>
 * </ul>
 */
public enum PushChannelMode {
    FCM,
    SANDBOX;

    static final String CREDENTIALS_KEY = "touchpoint.channels.push.fcm.credentials-location";
    static final String SANDBOX_KEY = "touchpoint.channels.push.sandbox.enabled";

    public static PushChannelMode decide(Boolean sandboxEnabled, String credentialsLocation, boolean clusterProfile) {
        if (clusterProfile && Boolean.TRUE.equals(sandboxEnabled)) {
            throw new ChannelMisconfiguredException(Channel.PUSH, SANDBOX_KEY
                    + "=true is not allowed in the cluster profile: the sandbox never runs in a cluster");
        }
        boolean credentials = credentialsLocation != null && !credentialsLocation.isBlank();
        boolean sandbox = sandboxEnabled != null ? sandboxEnabled && !clusterProfile : !credentials && !clusterProfile;
        if (sandbox) {
            return SANDBOX;
        }
        if (!credentials) {
            throw new ChannelMisconfiguredException(Channel.PUSH, "no Firebase service account: set "
                    + CREDENTIALS_KEY + " (environment TOUCHPOINT_FCM_CREDENTIALS, a path to the key file)"
                    + (clusterProfile ? "; the sandbox never runs in the cluster profile" : ""));
        }
        return FCM;
    }
}
