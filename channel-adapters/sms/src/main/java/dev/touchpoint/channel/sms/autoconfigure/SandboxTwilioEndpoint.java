package dev.touchpoint.channel.sms.autoconfigure;

import java.net.URI;

/**
 * The Twilio stand-in of the embedded default as the adapter sees it: where to send API requests and the account to
 * send them as. The stand-in lives in its own module ({@code channel-adapter-sms-sandbox}), so the adapter's jar
 * carries no WireMock; that module registers a bean of this type when {@link SmsSandboxCondition} selects the sandbox,
 * and {@link SmsChannelAutoConfiguration} builds the {@link TwilioAccount} from it.
 */
public interface SandboxTwilioEndpoint {

    /** Where the Twilio SDK should send API requests. */
    URI baseUrl();

    /** The sandbox's account SID. */
    String accountSid();

    /** The sandbox's auth token: the adapter authenticates with it and webhooks check it. */
    String authToken();
}
