package dev.touchpoint.channel.email.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.email.DkimSigner;
import dev.touchpoint.channel.email.SmtpEmailAdapter;
import dev.touchpoint.channel.email.SmtpSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers {@link SmtpEmailAdapter} (bean {@code emailChannelAdapter}). When no relay is configured outside the
 * {@code cluster} profile it sends to the embedded sandbox, a {@link SandboxSmtpRelay} that the module
 * {@code channel-adapter-email-sandbox} registers (with its read API) under the same {@link EmailSandboxCondition}.
 * See {@link EmailChannelMode} for the decision and {@link EmailChannelProperties} for the keys.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "touchpoint.channels.email", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(EmailChannelProperties.class)
public class EmailChannelAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmailChannelAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(SmtpEmailAdapter.class)
    public SmtpEmailAdapter emailChannelAdapter(EmailChannelProperties properties, Environment environment,
                                                ObjectProvider<SandboxSmtpRelay> sandbox,
                                                ResourceLoader resources, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        EmailChannelMode mode = EmailChannelMode.decide(properties.sandbox().enabled(), properties.smtp().host(),
                environment.matchesProfiles("cluster"));
        SmtpSettings settings;
        if (mode == EmailChannelMode.SANDBOX) {
            SandboxSmtpRelay server = sandbox.getIfAvailable(() -> {
                throw new ChannelMisconfiguredException(Channel.EMAIL, "no SMTP relay configured and the sandbox "
                        + "module channel-adapter-email-sandbox is not on the classpath: set " + EmailChannelMode.HOST_KEY
                        + " or add the module");
            });
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
}
