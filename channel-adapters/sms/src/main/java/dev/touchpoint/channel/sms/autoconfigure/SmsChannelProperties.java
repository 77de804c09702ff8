package dev.touchpoint.channel.sms.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.channels.sms.*}: the Twilio account and sender, status callbacks, webhooks, per-sender rate limits
 * and the sandbox. The account SID and auth token also default to Twilio's usual environment variables
 * {@code TWILIO_ACCOUNT_SID} and {@code TWILIO_AUTH_TOKEN}; the token is a secret and never logged.
 *
 * @param enabled           whether the SMS adapter is registered at all
 * @param twilio            account, sender and API connection
 * @param statusCallbackUrl where Twilio reports delivery; empty for {@code <webhook.public-base-url>/webhooks/twilio/status}
 *                          (or the local address in the sandbox)
 * @param webhook           the inbound webhooks
 * @param rateLimit         client-side pacing per sender, in segments per second
 * @param sandbox           the embedded Twilio stand-in
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.channels.sms")
public record SmsChannelProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue Twilio twilio,
        URI statusCallbackUrl,
        @Valid @DefaultValue Webhook webhook,
        @Valid @DefaultValue RateLimit rateLimit,
        @Valid @DefaultValue Sandbox sandbox) {

    /**
     * @param accountSid          {@code AC...}; empty means none configured
     * @param authToken           the account's auth token (secret)
     * @param messagingServiceSid {@code MG...}: send through a messaging service (preferred)
     * @param from                or from this number, short code or alphanumeric sender id
     * @param apiBaseUrl          the Twilio API's address; empty for https://api.twilio.com (tests and the sandbox
     *                            point it at a local server)
     * @param connectTimeout      TCP connect timeout
     * @param readTimeout         how long to wait for Twilio's answer
     */
    public record Twilio(
            @Pattern(regexp = "^$|^AC[0-9a-fA-F]{32}$", message = "must look like AC followed by 32 hex digits")
            String accountSid,
            String authToken,
            @Pattern(regexp = "^$|^MG[0-9a-fA-F]{32}$", message = "must look like MG followed by 32 hex digits")
            String messagingServiceSid,
            String from,
            URI apiBaseUrl,
            @DefaultValue("5s") @NotNull Duration connectTimeout,
            @DefaultValue("15s") @NotNull Duration readTimeout) {

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken="
                    + (authToken == null || authToken.isBlank() ? "none" : "******") + ", messagingServiceSid="
                    + messagingServiceSid + ", from=" + from + ", apiBaseUrl=" + apiBaseUrl + "]";
        }
    }

    /**
     * @param enabled               whether the webhook endpoints are registered (needs a servlet web application)
     * @param publicBaseUrl         this application's public URL as Twilio calls it (e.g. https://touchpoint.example.com):
     *                              signatures are checked against it
     * @param trustForwardedHeaders take the public URL from {@code X-Forwarded-*} of a trusted proxy when no base URL
     *                              is configured
     */
    public record Webhook(
            @DefaultValue("true") boolean enabled,
            URI publicBaseUrl,
            @DefaultValue("false") boolean trustForwardedHeaders) {
    }

    /**
     * @param enabled                   whether sends are paced at all
     * @param longCodePerSecond         a 10-digit number (Twilio queues about 1 segment/s)
     * @param tollFreePerSecond         a toll-free number (about 3/s)
     * @param shortCodePerSecond        a short code (about 100/s)
     * @param alphanumericPerSecond     an alphanumeric sender id
     * @param messagingServicePerSecond a messaging service: the sum of its pool; set it to your pool's capacity
     * @param maxWait                   a send waits at most this long for its turn, else it fails RETRYABLE with
     *                                  retryAfter
     * @param senders                   per-sender overrides: number or messaging service SID to segments/second
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1") @Positive double longCodePerSecond,
            @DefaultValue("3") @Positive double tollFreePerSecond,
            @DefaultValue("100") @Positive double shortCodePerSecond,
            @DefaultValue("10") @Positive double alphanumericPerSecond,
            @DefaultValue("10") @Positive double messagingServicePerSecond,
            @DefaultValue("5s") @NotNull Duration maxWait,
            Map<String, Double> senders) {
    }

    /**
     * @param enabled       {@code true} forces the sandbox, {@code false} forbids it; unset means "when no Twilio
     *                      credentials are configured and the cluster profile is not active"
     * @param host          loopback address the stand-in binds
     * @param port          its port; 0 (default) picks a free one
     * @param maxMessages   messages kept in memory
     * @param callbackDelay pause between the status callbacks of a message
     * @param from          the From number the adapter uses in the sandbox when none is configured
     */
    public record Sandbox(
            Boolean enabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("0") @Min(0) @Max(65535) int port,
            @DefaultValue("1000") @Min(1) int maxMessages,
            @DefaultValue("250ms") @NotNull Duration callbackDelay,
            @DefaultValue("+15005550006") String from) {
    }
}
