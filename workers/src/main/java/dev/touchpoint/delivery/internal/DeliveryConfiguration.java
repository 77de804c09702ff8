package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.DeliveryEvidence;

import dev.touchpoint.delivery.SurveyLinkIssuer;

import dev.touchpoint.delivery.EngagementTracking;

import dev.touchpoint.security.GeneratedSecrets;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.CustomerDataEraser;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.context.CustomerContextStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Wires the touchpoint pipeline to the customer context, the brand design system and every channel adapter present. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    @Bean
    BrandDesignSystem brandDesignSystem(ObjectProvider<Clock> clock) {
        return BrandDesignSystem.fromClasspath(BrandDesignSystem.DEFAULT_CLASSPATH_ROOT, BrandDesignSystem.class.getClassLoader(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    DeliveryAttempts deliveryAttempts(HazelcastInstance contextHazelcastInstance, DeliveryProperties properties,
                                      ObjectProvider<Clock> clock) {
        boolean member = contextHazelcastInstance.getLocalEndpoint() instanceof com.hazelcast.cluster.Member;
        String owner = (member ? "m:" : "c:") + contextHazelcastInstance.getLocalEndpoint().getUuid();
        return new HazelcastDeliveryAttempts(contextHazelcastInstance.getMap(HazelcastDeliveryAttempts.MAP_NAME),
                properties.attemptRetention().toSeconds(), owner, heldBy -> ownerAlive(contextHazelcastInstance, heldBy),
                properties.attemptDeadline(), clock.getIfUnique(Clock::systemUTC));
    }

    /**
     * Whether the process that holds an attempt marker still runs: a member that left the cluster does not; a client
     * (or an owner we cannot check) is taken to run until the marker's deadline.
     */
    static boolean ownerAlive(HazelcastInstance hazelcast, String owner) {
        if (!owner.startsWith("m:")) {
            return true;
        }
        try {
            java.util.UUID uuid = java.util.UUID.fromString(owner.substring(2));
            return hazelcast.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(uuid));
        } catch (RuntimeException e) {
            return true;
        }
    }

    @Bean
    RecipientResolver recipientResolver(CustomerContextStore context, DeliveryProperties properties,
                                        @Value("${touchpoint.home:.}") String home,
                                        @Value("${" + GeneratedSecrets.GENERATE_MISSING + ":true}") boolean generateMissing) {
        Path secretFile = properties.signingSecretFile() == null || properties.signingSecretFile().isBlank()
                ? Path.of(home, ".touchpoint", "signing-secret")
                : Path.of(properties.signingSecretFile());
        return new RecipientResolver(context, signingSecret(properties, secretFile, generateMissing));
    }

    @Bean
    TouchpointPipeline touchpointPipeline(CustomerContextStore context, BrandDesignSystem brand, List<ChannelAdapter> adapters,
                                          DeliveryAttempts attempts, RecipientResolver recipients,
                                          ApplicationEventPublisher events, ObjectProvider<EngagementTracking> tracking,
                                          ObjectProvider<DeliveryEvidence> evidence, ObjectProvider<MeterRegistry> meters,
                                          ObjectProvider<SurveyLinkIssuer> surveys, ObjectProvider<Clock> clock) {
        return new TouchpointPipeline(context, brand, adapters, attempts, recipients, events::publishEvent,
                tracking.getIfUnique(() -> EngagementTracking.NONE), clock.getIfUnique(Clock::systemUTC))
                .evidence(evidence.getIfUnique(() -> DeliveryEvidence.NONE))
                .surveys(surveys.getIfUnique(() -> SurveyLinkIssuer.NONE))
                .meters(meters.getIfAvailable());
    }

    @Bean
    TouchpointJobWorkers touchpointJobWorkers(TouchpointPipeline pipeline, ObjectProvider<Clock> clock,
                                              ObjectProvider<dev.touchpoint.engine.EngineRuntime> engine) {
        return new TouchpointJobWorkers(pipeline, clock.getIfUnique(Clock::systemUTC), () -> {
            dev.touchpoint.engine.EngineRuntime runtime = engine.getIfAvailable();
            return runtime == null ? "" : runtime.identity();
        });
    }

    @Bean
    ErasureParticipant adapterDataErasure(List<CustomerDataEraser> erasers) {
        return new AdapterDataErasure(erasers);
    }

    @Bean
    ExperimentSplitWorker experimentSplitWorker() {
        return new ExperimentSplitWorker();
    }

    @Bean
    CustomerFactsWorker customerFactsWorker(CustomerContextStore context) {
        return new CustomerFactsWorker(context);
    }

    @Bean
    UnsubscribeEndpoint unsubscribeEndpoint(RecipientResolver recipients, CustomerContextStore context,
                                            ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        return new UnsubscribeEndpoint(recipients, context, clock.getIfUnique(Clock::systemUTC), meters.getIfAvailable());
    }

    /** The unsubscribe links' signing secret: configured, or kept in (and, in the embedded default, generated into) the file. */
    static byte[] signingSecret(DeliveryProperties properties, Path file, boolean generateMissing) {
        if (properties.signingSecret() != null && !properties.signingSecret().isBlank()) {
            return properties.signingSecret().getBytes(StandardCharsets.UTF_8);
        }
        return GeneratedSecrets.fromFile(file, generateMissing, "The unsubscribe links", "touchpoint.delivery.signing-secret",
                "TOUCHPOINT_SIGNING_SECRET");
    }
}
