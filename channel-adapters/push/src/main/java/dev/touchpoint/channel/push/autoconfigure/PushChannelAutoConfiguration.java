package dev.touchpoint.channel.push.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.push.FcmCredentials;
import dev.touchpoint.channel.push.FcmPushAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers {@link FcmPushAdapter} (bean {@code pushChannelAdapter}). When no service account is configured outside
 * the {@code cluster} profile the adapter talks to the embedded FCM stand-in, a {@link SandboxFcmEndpoint} that the
 * module {@code channel-adapter-push-sandbox} registers (with its read API) under the same
 * {@link PushSandboxCondition}. Unregistered device tokens are
 * published as {@link dev.touchpoint.channel.PushTokenUnregistered} application events. See
 * {@link PushChannelMode} for the decision and {@link PushChannelProperties} for the keys.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "touchpoint.channels.push", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(PushChannelProperties.class)
public class PushChannelAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PushChannelAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public FcmAccount fcmAccount(PushChannelProperties properties, Environment environment,
                                 ObjectProvider<SandboxFcmEndpoint> sandbox, ResourceLoader resources) {
        PushChannelProperties.Fcm fcm = properties.fcm();
        PushChannelMode mode = PushChannelMode.decide(properties.sandbox().enabled(), fcm.credentialsLocation(),
                environment.matchesProfiles("cluster"));
        if (mode == PushChannelMode.SANDBOX) {
            SandboxFcmEndpoint server = sandbox.getIfAvailable(() -> {
                throw new ChannelMisconfiguredException(Channel.PUSH, "no Firebase service account configured and "
                        + "the sandbox module channel-adapter-push-sandbox is not on the classpath: set "
                        + PushChannelMode.CREDENTIALS_KEY + " or add the module");
            });
            HttpClient http = FcmPushAdapter.httpClient(server.baseUrl(), fcm.connectTimeout());
            FcmCredentials credentials = FcmCredentials.fromServiceAccountJson(server.serviceAccountJson(), null,
                    null, http, fcm.readTimeout());
            log.info("Push channel: SANDBOX (no Firebase service account configured); messages stay on this "
                    + "machine");
            return new FcmAccount(mode, credentials, server.baseUrl(), http);
        }
        HttpClient http = FcmPushAdapter.httpClient(fcm.apiBaseUrl(), fcm.connectTimeout());
        FcmCredentials credentials = load(resources.getResource(fcm.credentialsLocation().strip()), fcm, http);
        log.info("Push channel: FCM project {} via {} as {}{}", credentials.projectId(), fcm.apiBaseUrl(),
                credentials.account(), fcm.validateOnly() ? " (validate only: nothing is delivered)" : "");
        return new FcmAccount(mode, credentials, fcm.apiBaseUrl(), http);
    }

    private static FcmCredentials load(Resource keyFile, PushChannelProperties.Fcm fcm, HttpClient http) {
        try (InputStream in = keyFile.getInputStream()) {
            return FcmCredentials.fromServiceAccountJson(in, fcm.projectId(), fcm.tokenUri(), http,
                    fcm.readTimeout());
        } catch (IOException e) {
            throw new ChannelMisconfiguredException(Channel.PUSH, "the Firebase key file "
                    + fcm.credentialsLocation() + " cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new ChannelMisconfiguredException(Channel.PUSH, "the Firebase key file "
                    + fcm.credentialsLocation() + " cannot be used: " + e.getMessage());
        }
    }

    @Bean
    @ConditionalOnMissingBean(FcmPushAdapter.class)
    public FcmPushAdapter pushChannelAdapter(PushChannelProperties properties, FcmAccount account,
                                             ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        URI base = account.apiBaseUrl();
        return new FcmPushAdapter(account.credentials(), base, account.http(), properties.fcm().readTimeout(),
                account.mode() == PushChannelMode.FCM && properties.fcm().validateOnly(),
                IdempotencyGuard.withDefaults(time), events::publishEvent, time);
    }
}
