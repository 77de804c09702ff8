package dev.touchpoint.channel.sms.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;

/**
 * Where SMS goes: Twilio or the embedded sandbox. Decided once at start-up from configuration alone:
 * <ul>
 *   <li>profile {@code cluster}: always Twilio; missing credentials or sender, or {@code sandbox.enabled=true}, is a
 *       start-up error;</li>
 *   <li>otherwise {@code sandbox.enabled} decides when set; unset, the sandbox is used exactly when neither an account
 *       SID nor an auth token is configured (one without the other is an error).</li>
 * </ul>
 */
public enum SmsChannelMode {
    TWILIO,
    SANDBOX;

    static final String SID_KEY = "touchpoint.channels.sms.twilio.account-sid";
    static final String TOKEN_KEY = "touchpoint.channels.sms.twilio.auth-token";
    static final String SANDBOX_KEY = "touchpoint.channels.sms.sandbox.enabled";

    public static SmsChannelMode decide(Boolean sandboxEnabled, String accountSid, String authToken,
                                        boolean senderConfigured, boolean clusterProfile) {
        boolean sid = hasText(accountSid);
        boolean token = hasText(authToken);
        if (clusterProfile && Boolean.TRUE.equals(sandboxEnabled)) {
            throw new ChannelMisconfiguredException(Channel.SMS, SANDBOX_KEY
                    + "=true is not allowed in the cluster profile: the sandbox never runs in a cluster");
        }
        boolean sandbox = sandboxEnabled != null ? sandboxEnabled && !clusterProfile : !sid && !token && !clusterProfile;
        if (sandbox) {
            return SANDBOX;
        }
        if (!sid || !token) {
            throw new ChannelMisconfiguredException(Channel.SMS, "Twilio credentials are incomplete: set " + SID_KEY
                    + " and " + TOKEN_KEY + " (environment TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)"
                    + (clusterProfile ? "; the sandbox never runs in the cluster profile" : ""));
        }
        if (!senderConfigured) {
            throw new ChannelMisconfiguredException(Channel.SMS, "no sender: set "
                    + "touchpoint.channels.sms.twilio.messaging-service-sid or touchpoint.channels.sms.twilio.from");
        }
        return TWILIO;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
