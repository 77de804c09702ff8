package dev.touchpoint.ingress.internal;

import dev.touchpoint.security.GeneratedSecrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.IngressEvent;
import io.camunda.client.CamundaClient;
import dev.touchpoint.ingress.EmailEngagementTracking;
import dev.touchpoint.ingress.TrackingLinks;
import dev.touchpoint.security.PrivateFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The ingress: routing loaded and validated at start, the engine publisher with backpressure retry, and the flow
 * {@code ingressEventsFlow} whose entry is the {@link EventIngress} gateway (bean {@code eventIngress}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngressProperties.class)
@IntegrationComponentScan(basePackageClasses = EventIngress.class)
public class IngressConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngressConfiguration.class);

    @Bean
    EventRoutes eventRoutes(IngressProperties properties, @Value("${touchpoint.home:.}") String home) {
        Path file = properties.routing() == null ? Path.of(home, "config", "event-routing.yaml") : Path.of(properties.routing());
        EventRoutes routes = EventRoutes.load(file);
        log.info("Event ingress: {} route(s) from {}", routes.all().size(), file);
        return routes;
    }

    @Bean
    EventParser eventParser(ObjectMapper json, EventRoutes routes) {
        return new EventParser(json, routes);
    }

    @Bean
    @ConditionalOnMissingBean(MessagePublisher.class)
    MessagePublisher camundaMessagePublisher(CamundaClient client) {
        return new CamundaMessagePublisher(client);
    }

    @Bean
    BackpressureRetry ingressBackpressureRetry(IngressProperties properties) {
        IngressProperties.Backpressure b = properties.backpressure();
        return BackpressureRetry.sleeping(b.initialBackoff(), b.maxBackoff(), b.attempts(), b.retryAfter());
    }

    @Bean
    @org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization
    EventRouter eventRouter(EventRoutes routes, CustomerContextStore context, MessagePublisher publisher, BackpressureRetry retry,
                            IngressProperties properties, ObjectProvider<javax.sql.DataSource> dataSource,
                            ObjectProvider<Clock> clock) {
        javax.sql.DataSource database = dataSource.getIfAvailable();
        IngressIdempotency seen = properties.idempotency().enabled() && database != null
                ? new IngressIdempotency(database, properties.idempotency().window(), clock.getIfUnique(Clock::systemUTC)) : null;
        log.info("Event ingress: redeliveries recognised per source for {}", seen == null ? "as long as the engine buffers"
                + " their message (durable idempotency off)" : properties.idempotency().window() + " (ingress_event_seen)");
        return new EventRouter(routes, context, publisher, retry, seen);
    }

    /**
     * The event sources and their keys. Outside the cluster profile, a source configured without any key gets one
     * generated once into {@code .touchpoint/<source>-api-key} (owner-only), so the embedded default can take events
     * out of the box; in the cluster profile keys come from the environment only.
     */
    @Bean
    SourceAuthenticator sourceAuthenticator(IngressProperties properties, org.springframework.core.env.Environment environment,
                                            ObjectProvider<Clock> clock,
                                            @Value("${touchpoint.home:.}") String home,
                                            @Value("${" + GeneratedSecrets.GENERATE_MISSING + ":true}") boolean generateMissing) {
        if (!generateMissing || environment.acceptsProfiles(org.springframework.core.env.Profiles.of("cluster"))) {
            return new SourceAuthenticator(properties.sources(), properties.signatureReplayWindow(), clock.getIfUnique(Clock::systemUTC));
        }
        java.util.Map<String, IngressProperties.Source> sources = new java.util.LinkedHashMap<>(properties.sources());
        sources.replaceAll((name, source) -> {
            if (!source.apiKeys().isEmpty() || !source.hmacSecrets().isEmpty()) {
                return source;
            }
            Path file = Path.of(home, ".touchpoint", name + "-api-key");
            // the key is exactly the file's content: X-Touchpoint-Api-Key: $(cat .touchpoint/shop-api-key)
            String key = Base64.getEncoder().encodeToString(PrivateFiles.readOrCreateSecret(file, 24));
            log.info("Event source '{}' has no key configured: using the one generated into {}", name, file.toAbsolutePath());
            return new IngressProperties.Source(java.util.List.of(key), java.util.List.of(), false);
        });
        return new SourceAuthenticator(sources, properties.signatureReplayWindow(), clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    TrackingLinks trackingLinks(IngressProperties properties, ObjectProvider<Clock> clock,
                                @Value("${touchpoint.security.credentials-file:}") String credentialsFile,
                                @Value("${touchpoint.home:.}") String home,
                                @Value("${" + GeneratedSecrets.GENERATE_MISSING + ":true}") boolean generateMissing) {
        IngressProperties.Tracking tracking = properties.tracking();
        String secret = tracking.secret();
        if (secret == null || secret.isBlank()) {
            Path file = credentialsFile.isBlank() ? Path.of(home, ".touchpoint", "tracking-secret")
                    : Path.of(credentialsFile).toAbsolutePath().resolveSibling("tracking-secret");
            secret = Base64.getEncoder().encodeToString(GeneratedSecrets.fromFile(file, generateMissing,
                    "The email tracking links (open pixel, click links)", "touchpoint.ingress.tracking.secret",
                    "TOUCHPOINT_TRACKING_SECRET"));
        }
        return new TrackingLinks(TrackingLinks.secrets(secret, tracking.previousSecrets()), tracking.linkLifetime(),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** Click links and the open pixel in every email, signed by {@link #trackingLinks}. */
    @Bean
    EmailEngagementTracking emailEngagementTracking(TrackingLinks links, IngressProperties properties) {
        IngressProperties.Tracking tracking = properties.tracking();
        return new EmailEngagementTracking(links, tracking.publicBaseUrl(), tracking.opens(), tracking.clicks());
    }

    /** Every source hands its events to the gateway {@code eventIngress}; the router publishes them to the engine. */
    @Bean
    IntegrationFlow ingressEventsFlow(EventRouter router) {
        return IntegrationFlow.from(EventIngress.CHANNEL)
                .handle(IngressEvent.class, (event, headers) -> router.route(event, headers.get(EventIngress.SOURCE_HEADER, String.class)),
                        endpoint -> endpoint.id("ingressEventRouter"))
                .get();
    }

    /**
     * {@code POST /api/events} is called by machines that authenticate per source (API key or HMAC, checked by the
     * controller on the raw body), not by users: it gets its own stateless chain ahead of the user-facing one.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class IngressSecurity {

        @Bean
        @Order(10)
        SecurityFilterChain ingressSecurityFilterChain(HttpSecurity http) throws Exception {
            return http.securityMatcher("/api/events")
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
    }
}
