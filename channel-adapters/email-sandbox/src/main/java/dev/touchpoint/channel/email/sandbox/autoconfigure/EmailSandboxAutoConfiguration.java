package dev.touchpoint.channel.email.sandbox.autoconfigure;

import dev.touchpoint.channel.email.autoconfigure.EmailChannelAutoConfiguration;
import dev.touchpoint.channel.email.autoconfigure.EmailChannelProperties;
import dev.touchpoint.channel.email.autoconfigure.EmailSandboxCondition;
import dev.touchpoint.channel.email.sandbox.SandboxEmailEndpoints;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
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
 * Registers the {@link SandboxMailServer} (a {@link dev.touchpoint.channel.email.autoconfigure.SandboxSmtpRelay}) and
 * its read API when {@link EmailSandboxCondition} selects the sandbox: the embedded default of the application, kept
 * out of the adapter's jar so that GreenMail is no dependency of a production relay set-up. Ordered before
 * {@link EmailChannelAutoConfiguration}, whose adapter sends to it; the keys stay
 * {@code touchpoint.channels.email.sandbox.*} of {@link EmailChannelProperties}.
 */
@AutoConfiguration(before = EmailChannelAutoConfiguration.class)
@ConditionalOnProperty(prefix = "touchpoint.channels.email", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(EmailChannelProperties.class)
@Import({EmailSandboxAutoConfiguration.SandboxConfiguration.class,
        EmailSandboxAutoConfiguration.SandboxWebConfiguration.class})
public class EmailSandboxAutoConfiguration {

    /**
     * The sandbox SMTP server, started before the adapter that sends to it. Imported, not annotated with
     * {@code @Configuration}: an application scanning {@code dev.touchpoint} must not pick it up on its own.
     */
    @Conditional(EmailSandboxCondition.class)
    static class SandboxConfiguration {

        @Bean(initMethod = "start", destroyMethod = "close")
        @ConditionalOnMissingBean
        SandboxMailServer emailSandboxServer(EmailChannelProperties properties) {
            EmailChannelProperties.Sandbox sandbox = properties.sandbox();
            return new SandboxMailServer(sandbox.host(), sandbox.port(), sandbox.maxMessages());
        }
    }

    /** {@code /api/sandbox/email/**}, only in a servlet web application while the sandbox runs. */
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @Conditional(EmailSandboxCondition.class)
    static class SandboxWebConfiguration {

        @Bean
        SandboxEmailEndpoints sandboxEmailEndpoints(SandboxMailServer server) {
            return new SandboxEmailEndpoints(server);
        }

        @Bean
        RouterFunction<ServerResponse> sandboxEmailRoutes(SandboxEmailEndpoints endpoints) {
            return endpoints.routes();
        }
    }
}
