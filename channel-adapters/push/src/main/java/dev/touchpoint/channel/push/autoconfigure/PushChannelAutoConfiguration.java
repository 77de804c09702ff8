package dev.touchpoint.channel.push.autoconfigure;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.push.FcmCredentials;
import dev.touchpoint.channel.push.FcmPushAdapter;
import dev.touchpoint.channel.push.sandbox.FcmSandbox;
import dev.touchpoint.channel.push.sandbox.SandboxPushEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Registers {@link FcmPushAdapter} (bean {@code pushChannelAdapter}) and, when no service account is configured
 * outside the {@code cluster} profile, the {@link FcmSandbox} with its read API. Unregistered device tokens are
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
                                 ObjectProvider<FcmSandbox> sandbox, ResourceLoader resources) {
        PushChannelProperties.Fcm fcm = properties.fcm();
        PushChannelMode mode = PushChannelMode.decide(properties.sandbox().enabled(), fcm.credentialsLocation(),
                environment.matchesProfiles("cluster"));
        if (mode == PushChannelMode.SANDBOX) {
            FcmSandbox server = sandbox.getObject();
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
