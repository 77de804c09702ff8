package dev.touchpoint.context.internal;

import dev.touchpoint.security.GeneratedSecrets;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ConsentTimestamps;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.ErasureParticipant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires the customer context: repository on the application's DataSource (migrated by Flyway first), the Hazelcast
 * instance (an embedded member with the MapStores, or a client), the store and the importer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContextProperties.class)
public class CustomerContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CustomerContextConfiguration.class);

    @Bean
    @DependsOnDatabaseInitialization
    JdbcCustomerRepository customerRepository(DataSource dataSource, ObjectProvider<Clock> clock,
                                              @Value("${touchpoint.ledger.enabled:true}") boolean ledgerEnabled) {
        return new JdbcCustomerRepository(dataSource, clock.getIfUnique(Clock::systemUTC), ledgerEnabled);
    }

    @Bean
    @DependsOnDatabaseInitialization
    SuppressionList suppressionList(DataSource dataSource, ContextProperties properties, ObjectProvider<Clock> clock,
                                    @Value("${touchpoint.home:.}") String home) {
        return new SuppressionList(dataSource, suppressionSecret(properties.suppression(), home), clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    ConsentTimestamps consentTimestamps(ContextProperties properties, ObjectProvider<Clock> clock) {
        return new ConsentTimestamps(clock.getIfUnique(Clock::systemUTC), properties.consent().maxFutureSkew());
    }

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance contextHazelcastInstance(ContextProperties properties, JdbcCustomerRepository repository) {
        HazelcastSettings settings = properties.hazelcast().settings();
        if (settings.mode() == HazelcastSettings.Mode.CLIENT) {
            log.info("Customer context: Hazelcast client of cluster '{}'", settings.clusterName() == null ? "(from client config)" : settings.clusterName());
            return HazelcastClient.newHazelcastClient(HazelcastContextConfig.clientConfig(settings));
        }
        Config config = HazelcastContextConfig.memberConfig(settings);
        HazelcastContextConfig.applyMemberParts(config, settings,
                new ProfileMapStore(repository, settings.preload()), new ContextMapStore(repository, settings.preload()));
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        log.info("Customer context: Hazelcast member {} of cluster '{}' ({} member(s))",
                member.getCluster().getLocalMember().getAddress(), config.getClusterName(), member.getCluster().getMembers().size());
        return member;
    }

    @Bean
    HazelcastCustomerContextStore customerContextStore(HazelcastInstance contextHazelcastInstance, JdbcCustomerRepository repository,
                                                       ContextProperties properties, ApplicationEventPublisher events,
                                                       ObjectProvider<Clock> clock, SuppressionList suppressionList,
                                                       ConsentTimestamps consentTimestamps,
                                                       ObjectProvider<ErasureParticipant> erasureParticipants) {
        return new HazelcastCustomerContextStore(contextHazelcastInstance, repository, properties.policy(),
                clock.getIfUnique(Clock::systemUTC), events, suppressionList, consentTimestamps,
                () -> erasureParticipants.orderedStream().toList());
    }

    @Bean
    CustomerImporter customerImporter(CustomerContextStore store, ObjectProvider<Clock> clock, ConsentTimestamps consentTimestamps) {
        return new CustomerImporter(store, clock.getIfUnique(Clock::systemUTC), consentTimestamps);
    }

    @Bean
    ApplicationRunner sampleCustomersLoader(ContextProperties properties, JdbcCustomerRepository repository, CustomerImporter importer) {
        return new SampleCustomersLoader(properties.samples(), repository, importer);
    }

    /** The suppression list's key: configured, or the key file (generated once in the embedded default). */
    static byte[] suppressionSecret(ContextProperties.Suppression settings, String home) {
        if (settings.secret() != null && !settings.secret().isBlank()) {
            byte[] secret = settings.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 16) {
                throw new IllegalStateException("touchpoint.context.suppression.secret (TOUCHPOINT_SUPPRESSION_SECRET) must have "
                        + "at least 16 bytes, e.g. `openssl rand -base64 32`");
            }
            return secret;
        }
        Path file = settings.secretFile() == null || settings.secretFile().isBlank()
                ? Path.of(home, ".touchpoint", "suppression-secret") : Path.of(settings.secretFile());
        // keep it: with another key the list no longer recognises any address
        return GeneratedSecrets.fromFile(file, settings.generateMissing(), "The consent suppression list's hashes",
                "touchpoint.context.suppression.secret", "TOUCHPOINT_SUPPRESSION_SECRET");
    }
}
