package dev.touchpoint.channel.email.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.email.DkimSigner;
import dev.touchpoint.channel.email.SmtpEmailAdapter;
import dev.touchpoint.channel.email.SmtpSettings;
import dev.touchpoint.channel.email.sandbox.SandboxEmailEndpoints;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers {@link SmtpEmailAdapter} (bean {@code emailChannelAdapter}) and, when no relay is configured outside the
 * {@code cluster} profile, the {@link SandboxMailServer} with its read API. See {@link EmailChannelMode} for the
 * decision and {@link EmailChannelProperties} for the keys.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "touchpoint.channels.email", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(EmailChannelProperties.class)
@Import({EmailChannelAutoConfiguration.SandboxConfiguration.class,
        EmailChannelAutoConfiguration.SandboxWebConfiguration.class})
public class EmailChannelAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmailChannelAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(SmtpEmailAdapter.class)
    public SmtpEmailAdapter emailChannelAdapter(EmailChannelProperties properties, Environment environment,
                                                ObjectProvider<SandboxMailServer> sandbox,
                                                ResourceLoader resources, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        EmailChannelMode mode = EmailChannelMode.decide(properties.sandbox().enabled(), properties.smtp().host(),
                environment.matchesProfiles("cluster"));
        SmtpSettings settings;
        if (mode == EmailChannelMode.SANDBOX) {
            SandboxMailServer server = sandbox.getObject();
            settings = SmtpSettings.loopbackRelay(server.host(), server.port());
            log.info("Email channel: SANDBOX (no SMTP relay configured); messages stay on this machine");
        } else {
            settings = relaySettings(properties.smtp());
            log.info("Email channel: SMTP relay {}:{} ({}), pool of {}", settings.host(), settings.port(),
                    settings.tlsMode(), settings.poolSize());
        }
        return new SmtpEmailAdapter(settings, dkimSigner(properties.dkim(), resources, time), properties.messageIdDomain(),
                properties.returnPath(), IdempotencyGuard.withDefaults(time), time)
                .relayDeduplicatesMessageId(properties.relayDeduplicatesMessageId());
    }

    private static SmtpSettings relaySettings(EmailChannelProperties.Smtp smtp) {
        try {
            return new SmtpSettings(smtp.host(), smtp.port(), smtp.tlsMode(), smtp.username(), smtp.password(),
                    smtp.connectTimeout(), smtp.readTimeout(), smtp.writeTimeout(), smtp.poolSize(),
                    smtp.maxMessagesPerConnection(), smtp.validateAfterIdle(), smtp.ehloName());
        } catch (IllegalArgumentException e) {
            throw new ChannelMisconfiguredException(Channel.EMAIL, e.getMessage());
        }
    }

    static DkimSigner dkimSigner(EmailChannelProperties.Dkim dkim, ResourceLoader resources, Clock clock) {
        if (!dkim.configured()) {
            return null;
        }
        if (!dkim.complete()) {
            throw new ChannelMisconfiguredException(Channel.EMAIL, "DKIM needs all of "
                    + "touchpoint.channels.email.dkim.domain, .selector and .private-key-location, or none of them");
        }
        Resource key = resources.getResource(dkim.privateKeyLocation());
        try (InputStream in = key.getInputStream()) {
            DkimSigner signer = new DkimSigner(dkim.domain(), dkim.selector(),
                    DkimSigner.readPrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII)),
                    dkim.signedHeaders(), clock);
            log.info("Email channel: DKIM signing as d={} s={}", signer.domain(), signer.selector());
            return signer;
        } catch (IOException | IllegalArgumentException e) {
            throw new ChannelMisconfiguredException(Channel.EMAIL,
                    "the DKIM private key at " + dkim.privateKeyLocation() + " cannot be used: " + e.getMessage());
        }
    }

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
