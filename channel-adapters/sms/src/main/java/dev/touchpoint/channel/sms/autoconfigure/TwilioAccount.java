package dev.touchpoint.channel.sms.autoconfigure;

import dev.touchpoint.channel.sms.SmsSender;
import java.net.URI;

/**
 * The Twilio account the SMS channel uses, resolved at start-up: the configured one, or the sandbox's random one.
 *
 * @param mode       Twilio or the sandbox
 * @param accountSid {@code AC...}
 * @param authToken  secret; webhooks are verified with it
 * @param apiBaseUrl where the SDK sends requests, {@code null} for Twilio itself
 * @param sender     messaging service or From number
 */
public record TwilioAccount(SmsChannelMode mode, String accountSid, String authToken, URI apiBaseUrl,
                            SmsSender sender) {

    @Override
    public String toString() {
        return "TwilioAccount[mode=" + mode + ", accountSid=" + accountSid + ", authToken=******, apiBaseUrl="
                + apiBaseUrl + ", sender=" + sender + "]";
    }
}
