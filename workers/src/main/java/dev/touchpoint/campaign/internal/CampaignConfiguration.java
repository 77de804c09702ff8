package dev.touchpoint.campaign.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.journey.RunningJourneys;
import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
public class CampaignConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    CampaignRepository campaignRepository(JdbcTemplate jdbc, ObjectMapper json) {
        return new CampaignRepository(jdbc, json);
    }

    @Bean
    ErasureParticipant campaignErasure(CampaignRepository repository, RunningJourneys journeys) {
        return new CampaignErasure(repository, journeys);
    }

    @Bean
    @ConditionalOnMissingBean(InstanceStarter.class)
    InstanceStarter zeebeInstanceStarter(CamundaClient client, EngineRuntime engine) {
        ZeebeInstanceStarter starter = new ZeebeInstanceStarter(client, engine);
        starter.follow(); // from the engine's start: every campaign instance is in its index
        return starter;
    }

    @Bean
    CampaignService campaignService(CampaignRepository repository, CustomerContextStore context, InstanceStarter starter,
                                    BrandDesignSystem brand, CampaignProperties properties, Environment environment,
                                    ObjectMapper json, ObjectProvider<Clock> clock) {
        return new CampaignService(repository, context, starter, brand, properties, environment, json, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    CampaignLauncher campaignLauncher(CampaignRepository repository, CustomerContextStore context, InstanceStarter starter,
                                      RunningJourneys journeys, CampaignProperties properties, ObjectProvider<Clock> clock,
                                      ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        return new CampaignLauncher(repository, context, starter, journeys, properties, clock.getIfUnique(Clock::systemUTC))
                .meters(meters.getIfAvailable());
    }
}
