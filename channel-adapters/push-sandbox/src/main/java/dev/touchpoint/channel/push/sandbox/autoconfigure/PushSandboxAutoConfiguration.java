package dev.touchpoint.channel.push.sandbox.autoconfigure;

import dev.touchpoint.channel.push.autoconfigure.PushChannelAutoConfiguration;
import dev.touchpoint.channel.push.autoconfigure.PushChannelProperties;
import dev.touchpoint.channel.push.autoconfigure.PushSandboxCondition;
import dev.touchpoint.channel.push.sandbox.FcmSandbox;
import dev.touchpoint.channel.push.sandbox.SandboxPushEndpoints;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers the {@link FcmSandbox} (a {@link dev.touchpoint.channel.push.autoconfigure.SandboxFcmEndpoint}) and its
 * read API when {@link PushSandboxCondition} selects the sandbox: the embedded default of the application, kept out of
 * the adapter's jar so that WireMock is no dependency of a production FCM set-up. Ordered before
 * {@link PushChannelAutoConfiguration}, whose account points at it; the keys stay
 * {@code touchpoint.channels.push.sandbox.*} of {@link PushChannelProperties}.
 */
@AutoConfiguration(before = PushChannelAutoConfiguration.class)
@ConditionalOnProperty(prefix = "touchpoint.channels.push", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(PushChannelProperties.class)
public class PushSandboxAutoConfiguration {

    /** The FCM stand-in, started before the account that points at it. */
    @Conditional(PushSandboxCondition.class)
    static class SandboxConfiguration {

        @Bean(initMethod = "start", destroyMethod = "close")
        @ConditionalOnMissingBean
        FcmSandbox fcmSandbox(PushChannelProperties properties) {
            PushChannelProperties.Sandbox sandbox = properties.sandbox();
            return new FcmSandbox(sandbox.host(), sandbox.port(), sandbox.maxMessages(),
                    // the machine's clock, not the application's: it checks the expiry of OAuth tokens that Google's
                    // library mints on the machine's clock (a test that moves the application's time must not break it)
                    Clock.systemUTC());
        }
    }

    /**
     * {@code /api/sandbox/push/**}, only in a servlet web application while the sandbox runs. Nested configurations
     * carry no {@code @Configuration}: a component scan of {@code dev.touchpoint} must not find them.
     */
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @Conditional(PushSandboxCondition.class)
    static class SandboxWebConfiguration {

        @Bean
        SandboxPushEndpoints sandboxPushEndpoints(FcmSandbox sandbox) {
            return new SandboxPushEndpoints(sandbox);
        }

        @Bean
        RouterFunction<ServerResponse> sandboxPushRoutes(SandboxPushEndpoints endpoints) {
            return endpoints.routes();
        }
    }
}
