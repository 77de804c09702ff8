package dev.touchpoint.context.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.CustomerContextStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
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
    JdbcCustomerRepository customerRepository(DataSource dataSource) {
        return new JdbcCustomerRepository(dataSource);
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
                                                       ObjectProvider<Clock> clock) {
        return new HazelcastCustomerContextStore(contextHazelcastInstance, repository, properties.policy(),
                clock.getIfUnique(Clock::systemUTC), events);
    }

    @Bean
    CustomerImporter customerImporter(CustomerContextStore store, ObjectProvider<Clock> clock) {
        return new CustomerImporter(store, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    ApplicationRunner sampleCustomersLoader(ContextProperties properties, JdbcCustomerRepository repository, CustomerImporter importer) {
        return new SampleCustomersLoader(properties.samples(), repository, importer);
    }
}
