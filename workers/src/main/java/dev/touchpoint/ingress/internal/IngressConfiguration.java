package dev.touchpoint.ingress.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.IngressEvent;
import io.camunda.client.CamundaClient;
import dev.touchpoint.ingress.TrackingLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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
    EventRouter eventRouter(EventRoutes routes, CustomerContextStore context, MessagePublisher publisher, BackpressureRetry retry) {
        return new EventRouter(routes, context, publisher, retry);
    }

    @Bean
    SourceAuthenticator sourceAuthenticator(IngressProperties properties) {
        return new SourceAuthenticator(properties.sources());
    }

    @Bean
    TrackingLinks trackingLinks(IngressProperties properties, ObjectProvider<Clock> clock,
                                @Value("${touchpoint.security.credentials-file:}") String credentialsFile,
                                @Value("${touchpoint.home:.}") String home) {
        IngressProperties.Tracking tracking = properties.tracking();
        String secret = tracking.secret();
        if (secret == null || secret.isBlank()) {
            Path file = credentialsFile.isBlank() ? Path.of(home, ".touchpoint", "tracking-secret")
                    : Path.of(credentialsFile).toAbsolutePath().resolveSibling("tracking-secret");
            secret = generatedSecret(file);
        }
        return new TrackingLinks(TrackingLinks.secrets(secret, tracking.previousSecrets()), tracking.linkLifetime(),
                clock.getIfUnique(Clock::systemUTC));
    }

    private static String generatedSecret(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getEncoder().encodeToString(random);
            Files.writeString(file, secret);
            log.info("Generated the tracking-link secret into {}", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the tracking secret " + file
                    + "; set touchpoint.ingress.tracking.secret (env TOUCHPOINT_TRACKING_SECRET)", e);
        }
    }

    /** Every source hands its events to the gateway {@code eventIngress}; the router publishes them to the engine. */
    @Bean
    IntegrationFlow ingressEventsFlow(EventRouter router) {
        return IntegrationFlow.from(EventIngress.CHANNEL)
                .handle(IngressEvent.class, (event, headers) -> router.route(event), endpoint -> endpoint.id("ingressEventRouter"))
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
