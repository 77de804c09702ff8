package dev.touchpoint.channel.kiosk.autoconfigure;

import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.kiosk.KioskDirectory;
import dev.touchpoint.channel.kiosk.KioskHub;
import dev.touchpoint.channel.kiosk.KioskPresence;
import dev.touchpoint.channel.kiosk.KioskRoute;
import dev.touchpoint.channel.kiosk.KioskTokens;
import dev.touchpoint.channel.kiosk.LocalKioskDirectory;
import dev.touchpoint.channel.kiosk.RouteSigner;
import dev.touchpoint.channel.kiosk.WebSocketKioskAdapter;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskDirectory;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskRoute;
import dev.touchpoint.channel.kiosk.sandbox.SandboxKioskEndpoints;
import dev.touchpoint.channel.kiosk.web.KioskHandshakeInterceptor;
import dev.touchpoint.channel.kiosk.web.KioskOperatorEndpoints;
import dev.touchpoint.channel.kiosk.web.KioskPageEndpoints;
import dev.touchpoint.channel.kiosk.web.KioskWebSocketHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the kiosk channel: {@link WebSocketKioskAdapter} (bean {@code kioskChannelAdapter}), its
 * {@link KioskHub}, the kiosk directory (in the application's {@link HazelcastInstance} when it has exactly one,
 * else in this JVM), and in a servlet web application the kiosk page, its WebSocket ({@value
 * KioskWebSocketHandler#PATH}) and the operator API {@code /api/kiosks}. Kiosk events are published as application
 * events. See {@link KioskChannelProperties} for the keys.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.hazelcast.HazelcastAutoConfiguration")
@ConditionalOnProperty(prefix = "touchpoint.channels.kiosk", name = "enabled", havingValue = "true",
        matchIfMissing = true)
@EnableConfigurationProperties(KioskChannelProperties.class)
public class KioskChannelAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KioskChannelAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public KioskAccess kioskAccess(KioskChannelProperties properties, Environment environment) {
        Map<String, String> perKiosk = new HashMap<>();
        for (KioskChannelProperties.Kiosk kiosk : properties.kiosks()) {
            if (kiosk.token() != null && !kiosk.token().isBlank()) {
                perKiosk.put(KioskPresence.key(kiosk.storeId(), kiosk.kioskId()), kiosk.token());
            }
        }
        String secret = properties.secret();
        if (secret == null || secret.isBlank()) {
            if (environment.matchesProfiles("cluster")) {
                throw new ChannelMisconfiguredException(Channel.KIOSK, "no kiosk secret: set "
                        + "touchpoint.channels.kiosk.secret (environment TOUCHPOINT_KIOSK_SECRET), the same on every "
                        + "instance, at least " + KioskTokens.MIN_SECRET_LENGTH + " characters");
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            log.warn("Kiosk channel: no touchpoint.channels.kiosk.secret, so a random one is used and kiosk links "
                    + "change at every start; GET /api/sandbox/kiosk/links lists them");
            return new KioskAccess(new KioskTokens(Base64.getUrlEncoder().encodeToString(random), perKiosk), true);
        }
        if (secret.length() < KioskTokens.MIN_SECRET_LENGTH) {
            throw new ChannelMisconfiguredException(Channel.KIOSK, "touchpoint.channels.kiosk.secret must have at "
                    + "least " + KioskTokens.MIN_SECRET_LENGTH + " characters");
        }
        return new KioskAccess(new KioskTokens(secret, perKiosk), false);
    }

    @Bean
    @ConditionalOnMissingBean(KioskDirectory.class)
    public KioskDirectory localKioskDirectory() {
        return new LocalKioskDirectory();
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService kioskHubScheduler() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "kiosk-hub-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    public KioskHub kioskHub(KioskChannelProperties properties, KioskAccess access, KioskDirectory directory,
                             ObjectProvider<KioskRoute> route, ApplicationEventPublisher events,
                             ScheduledExecutorService kioskHubScheduler, ObjectProvider<Clock> clock) {
        Map<String, String> zones = new HashMap<>();
        for (KioskChannelProperties.Kiosk kiosk : properties.kiosks()) {
            if (kiosk.zone() != null && !kiosk.zone().isBlank()) {
                zones.put(KioskPresence.key(kiosk.storeId(), kiosk.kioskId()), kiosk.zone());
            }
        }
        KioskHub.Settings settings;
        try {
            settings = new KioskHub.Settings(properties.heartbeat(), properties.presenceTtl(),
                    properties.routeTimeout(), properties.ackTimeout());
        } catch (IllegalArgumentException e) {
            throw new ChannelMisconfiguredException(Channel.KIOSK, e.getMessage());
        }
        String instanceId = properties.instanceId() == null || properties.instanceId().isBlank() ? instanceId()
                : properties.instanceId();
        return new KioskHub(instanceId, directory, route.getIfAvailable(),
                new RouteSigner(access.tokens().routeKey()), zones::get, events::publishEvent, settings,
                clock.getIfUnique(Clock::systemUTC), kioskHubScheduler);
    }

    @Bean
    @ConditionalOnMissingBean(WebSocketKioskAdapter.class)
    public WebSocketKioskAdapter kioskChannelAdapter(KioskHub hub) {
        return new WebSocketKioskAdapter(hub, IdempotencyGuard.withDefaults());
    }

    /** The host name and a random suffix: readable in {@code /api/kiosks}, unique across restarts. */
    static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "instance";
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0)) ? "i" + cleaned : cleaned;
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        return (cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned) + "-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * Presence and routing in the application's Hazelcast cluster. Nested configurations carry no
     * {@code @Configuration}: a component scan of {@code dev.touchpoint} must not find them.
     */
    @ConditionalOnClass(name = "com.hazelcast.core.HazelcastInstance")
    @ConditionalOnSingleCandidate(type = "com.hazelcast.core.HazelcastInstance")
    @ConditionalOnProperty(prefix = "touchpoint.channels.kiosk.hazelcast", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class HazelcastConfiguration {

        @Bean
        @ConditionalOnMissingBean(KioskDirectory.class)
        KioskDirectory hazelcastKioskDirectory(HazelcastInstance hazelcast, KioskChannelProperties properties) {
            return new HazelcastKioskDirectory(hazelcast, properties.presenceTtl());
        }

        @Bean
        @ConditionalOnMissingBean(KioskRoute.class)
        KioskRoute hazelcastKioskRoute(HazelcastInstance hazelcast) {
            return new HazelcastKioskRoute(hazelcast);
        }
    }

    /** The kiosk page, its WebSocket and the operator API, in a servlet web application. */
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @EnableWebSocket
    static class WebConfiguration implements WebSocketConfigurer {

        private final KioskHub hub;
        private final KioskAccess access;
        private final KioskChannelProperties properties;

        WebConfiguration(KioskHub hub, KioskAccess access, KioskChannelProperties properties) {
            this.hub = hub;
            this.access = access;
            this.properties = properties;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            var registration = registry.addHandler(new KioskWebSocketHandler(hub), KioskWebSocketHandler.PATH)
                    .addInterceptors(new KioskHandshakeInterceptor(access.tokens()));
            if (!properties.allowedOrigins().isEmpty()) {
                registration.setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
            }
        }

        @Bean
        KioskPageEndpoints kioskPageEndpoints() {
            return new KioskPageEndpoints(access.tokens());
        }

        @Bean
        RouterFunction<ServerResponse> kioskPageRoutes(KioskPageEndpoints kioskPageEndpoints) {
            return kioskPageEndpoints.routes();
        }

        @Bean
        KioskOperatorEndpoints kioskOperatorEndpoints(KioskDirectory directory, ObjectProvider<Clock> clock) {
            return new KioskOperatorEndpoints(directory, hub, clock.getIfUnique(Clock::systemUTC));
        }

        @Bean
        RouterFunction<ServerResponse> kioskOperatorRoutes(KioskOperatorEndpoints kioskOperatorEndpoints) {
            return kioskOperatorEndpoints.routes();
        }
    }

    /** {@code /api/sandbox/kiosk/links}, only in a servlet web application while the secret is made up at start. */
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    @Conditional(GeneratedSecretCondition.class)
    static class SandboxWebConfiguration {

        @Bean
        SandboxKioskEndpoints sandboxKioskEndpoints(KioskAccess access, KioskChannelProperties properties) {
            List<KioskTarget> configured = properties.kiosks().stream()
                    .map(k -> KioskTarget.kiosk(k.storeId(), k.kioskId())).toList();
            return new SandboxKioskEndpoints(access.tokens(), configured, properties.publicBaseUrl());
        }

        @Bean
        RouterFunction<ServerResponse> sandboxKioskRoutes(SandboxKioskEndpoints sandboxKioskEndpoints) {
            return sandboxKioskEndpoints.routes();
        }
    }
}
