package dev.touchpoint.channel.sms.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.sms.SenderRateLimiter;
import dev.touchpoint.channel.sms.SmsSender;
import dev.touchpoint.channel.sms.TwilioHttpClient;
import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookHandler;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookVerifier;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers {@link TwilioSmsAdapter} (bean {@code smsChannelAdapter}) and the signed Twilio webhooks. When no Twilio
 * credentials are configured outside the {@code cluster} profile the adapter talks to the embedded Twilio stand-in, a
 * {@link SandboxTwilioEndpoint} that the module {@code channel-adapter-sms-sandbox} registers (with its read API) under
 * the same {@link SmsSandboxCondition}. See {@link SmsChannelMode} for the decision and {@link SmsChannelProperties}
 * for the keys.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "touchpoint.channels.sms", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(SmsChannelProperties.class)
@Import(SmsChannelAutoConfiguration.WebhookConfiguration.class)
public class SmsChannelAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsChannelAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public TwilioAccount twilioAccount(SmsChannelProperties properties, Environment environment,
                                       ObjectProvider<SandboxTwilioEndpoint> sandbox) {
        SmsChannelProperties.Twilio twilio = properties.twilio();
        boolean senderConfigured = hasText(twilio.messagingServiceSid()) || hasText(twilio.from());
        SmsChannelMode mode = SmsChannelMode.decide(properties.sandbox().enabled(), twilio.accountSid(),
                twilio.authToken(), senderConfigured, environment.matchesProfiles("cluster"));
        if (mode == SmsChannelMode.SANDBOX) {
            SandboxTwilioEndpoint server = sandbox.getIfAvailable(() -> {
                throw new ChannelMisconfiguredException(Channel.SMS, "no Twilio credentials configured and the sandbox "
                        + "module channel-adapter-sms-sandbox is not on the classpath: set " + SmsChannelMode.SID_KEY
                        + " and " + SmsChannelMode.TOKEN_KEY + " or add the module");
            });
            String from = hasText(twilio.from()) ? twilio.from() : properties.sandbox().from();
            log.info("SMS channel: SANDBOX (no Twilio credentials configured); messages stay on this machine");
            return new TwilioAccount(mode, server.accountSid(), server.authToken(), server.baseUrl(),
                    sender(twilio.messagingServiceSid(), from));
        }
        TwilioAccount account = new TwilioAccount(mode, twilio.accountSid().strip(), twilio.authToken().strip(),
                twilio.apiBaseUrl(), sender(twilio.messagingServiceSid(), twilio.from()));
        log.info("SMS channel: Twilio account {} via {}, sender {}", account.accountSid(),
                account.apiBaseUrl() == null ? "api.twilio.com" : account.apiBaseUrl(), account.sender().key());
        return account;
    }

    @Bean
    @ConditionalOnMissingBean
    public TwilioWebhookUrls twilioWebhookUrls(SmsChannelProperties properties, Environment environment) {
        boolean sandbox = SmsSandboxCondition.sandboxSelected(environment);
        if (!sandbox && properties.webhook().publicBaseUrl() == null && properties.statusCallbackUrl() == null) {
            log.warn("SMS channel: no touchpoint.channels.sms.webhook.public-base-url, so Twilio sends no status "
                    + "callbacks and delivery reports will be missing");
        }
        return new TwilioWebhookUrls(properties.webhook().publicBaseUrl(), properties.statusCallbackUrl(), sandbox);
    }

    @Bean
    @ConditionalOnMissingBean(TwilioSmsAdapter.class)
    public TwilioSmsAdapter smsChannelAdapter(SmsChannelProperties properties, TwilioAccount account,
                                              TwilioWebhookUrls urls, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        TwilioHttpClient http = new TwilioHttpClient(account.apiBaseUrl(), properties.twilio().connectTimeout(),
                properties.twilio().readTimeout());
        SmsChannelProperties.RateLimit limits = properties.rateLimit();
        SenderRateLimiter limiter = account.mode() == SmsChannelMode.TWILIO && limits.enabled()
                ? new SenderRateLimiter(limits(limits), System::nanoTime, SenderRateLimiter.Pause.SLEEP)
                : SenderRateLimiter.unlimited();
        return new TwilioSmsAdapter(TwilioSmsAdapter.restClient(account.accountSid(), account.authToken(), http),
                http, account.sender(), urls::statusCallback, limiter, IdempotencyGuard.withDefaults(time),
                time);
    }

    static SenderRateLimiter.Limits limits(SmsChannelProperties.RateLimit limits) {
        Map<SmsSender.Kind, Double> perKind = new EnumMap<>(SmsSender.Kind.class);
        perKind.put(SmsSender.Kind.LONG_CODE, limits.longCodePerSecond());
        perKind.put(SmsSender.Kind.TOLL_FREE, limits.tollFreePerSecond());
        perKind.put(SmsSender.Kind.SHORT_CODE, limits.shortCodePerSecond());
        perKind.put(SmsSender.Kind.ALPHANUMERIC, limits.alphanumericPerSecond());
        perKind.put(SmsSender.Kind.MESSAGING_SERVICE, limits.messagingServicePerSecond());
        return new SenderRateLimiter.Limits(perKind, limits.senders(), limits.maxWait());
    }

    private static SmsSender sender(String messagingServiceSid, String from) {
        try {
            return new SmsSender(messagingServiceSid, from);
        } catch (IllegalArgumentException e) {
            throw new ChannelMisconfiguredException(Channel.SMS, e.getMessage());
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** {@code POST /webhooks/twilio/status} and {@code /inbound}, in a servlet web application. */
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @ConditionalOnProperty(prefix = "touchpoint.channels.sms.webhook", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class WebhookConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TwilioWebhookHandler twilioWebhookHandler(TwilioAccount account, SmsChannelProperties properties,
                                                  ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
            boolean sandbox = account.mode() == SmsChannelMode.SANDBOX;
            TwilioWebhookVerifier verifier = new TwilioWebhookVerifier(account.authToken(),
                    sandbox ? null : properties.webhook().publicBaseUrl(),
                    !sandbox && properties.webhook().trustForwardedHeaders());
            return new TwilioWebhookHandler(verifier, events, clock.getIfUnique(Clock::systemUTC));
        }

        @Bean
        RouterFunction<ServerResponse> twilioWebhookRoutes(TwilioWebhookHandler handler) {
            return handler.routes();
        }
    }
}
