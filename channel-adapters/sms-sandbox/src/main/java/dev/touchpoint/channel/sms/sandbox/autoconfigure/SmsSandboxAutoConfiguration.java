package dev.touchpoint.channel.sms.sandbox.autoconfigure;

import dev.touchpoint.channel.sms.autoconfigure.SmsChannelAutoConfiguration;
import dev.touchpoint.channel.sms.autoconfigure.SmsChannelProperties;
import dev.touchpoint.channel.sms.autoconfigure.SmsSandboxCondition;
import dev.touchpoint.channel.sms.autoconfigure.TwilioWebhookUrls;
import dev.touchpoint.channel.sms.sandbox.SandboxSmsEndpoints;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers the {@link TwilioSandbox} (a {@link dev.touchpoint.channel.sms.autoconfigure.SandboxTwilioEndpoint}) and
 * its read API when {@link SmsSandboxCondition} selects the sandbox: the embedded default of the application, kept out
 * of the adapter's jar so that WireMock is no dependency of a production Twilio set-up. Ordered before
 * {@link SmsChannelAutoConfiguration}, whose account points at it; the keys stay
 * {@code touchpoint.channels.sms.sandbox.*} of {@link SmsChannelProperties}.
 */
@AutoConfiguration(before = SmsChannelAutoConfiguration.class)
@ConditionalOnProperty(prefix = "touchpoint.channels.sms", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(SmsChannelProperties.class)
@Import({SmsSandboxAutoConfiguration.SandboxConfiguration.class,
        SmsSandboxAutoConfiguration.SandboxWebConfiguration.class})
public class SmsSandboxAutoConfiguration {

    /**
     * The Twilio stand-in, started before the account that points at it. Imported, not annotated with
     * {@code @Configuration}: an application scanning {@code dev.touchpoint} must not pick it up on its own.
     */
    @Conditional(SmsSandboxCondition.class)
    static class SandboxConfiguration {

        @Bean(initMethod = "start", destroyMethod = "close")
        @ConditionalOnMissingBean
        TwilioSandbox twilioSandbox(SmsChannelProperties properties, ObjectProvider<TwilioWebhookUrls> urls,
                                    ObjectProvider<Clock> clock) {
            SmsChannelProperties.Sandbox sandbox = properties.sandbox();
            return new TwilioSandbox(sandbox.host(), sandbox.port(), sandbox.maxMessages(), sandbox.callbackDelay(),
                    () -> urls.getObject().base(), clock.getIfUnique(Clock::systemUTC));
        }
    }

    /** {@code /api/sandbox/sms/**}, only in a servlet web application while the sandbox runs. */
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @Conditional(SmsSandboxCondition.class)
    static class SandboxWebConfiguration {

        @Bean
        SandboxSmsEndpoints sandboxSmsEndpoints(TwilioSandbox sandbox) {
            return new SandboxSmsEndpoints(sandbox);
        }

        @Bean
        RouterFunction<ServerResponse> sandboxSmsRoutes(SandboxSmsEndpoints endpoints) {
            return endpoints.routes();
        }
    }
}
