package dev.touchpoint.journey;

import org.springframework.beans.factory.ObjectProvider;
import dev.touchpoint.brand.BrandDesignSystem;
import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Deploys the journeys folder once every bean exists, before the web server and the job workers start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JourneyProperties.class)
class JourneyConfiguration {

    @Bean
    JourneyDeployer journeyDeployer(CamundaClient client, JourneyProperties properties, BrandDesignSystem brand,
                                    @Value("${touchpoint.home:.}") String home, ObjectProvider<Clock> clock) {
        // plain file-system paths: Spring's own String-to-Path conversion would read "." as a servlet resource
        Path location = Path.of(home).resolve(properties.location());
        return new JourneyDeployer(client, new JourneyFolder(location), new JourneyLint(brand), properties.onRejected(),
                clock.getIfUnique(Clock::systemUTC));
    }

    /** The same lint on every deployment sent to the embedded engine's gateway, e.g. from Camunda Modeler (ADR-0020). */
    @Bean
    dev.touchpoint.engine.DeploymentGuard journeyLintOnEveryDeploy(BrandDesignSystem brand) {
        return new JourneyLintGuard(new JourneyLint(brand));
    }

    /**
     * The journeys a stop of the embedded engine interrupts: listed and saved at a graceful stop, restartable after it
     * (file {@code touchpoint.journeys.interrupted-file}, default {@code .touchpoint/interrupted-journeys.json}).
     */
    @Bean
    InterruptedJourneys interruptedJourneys(dev.touchpoint.engine.EngineRuntime engine, CamundaClient client,
                                            @Value("${touchpoint.home:.}") String home,
                                            @Value("${touchpoint.journeys.interrupted-file:}") String file,
                                            @Value("${touchpoint.ledger.process-history.customer-variable:customerId}") String customerVariable) {
        Path where = file.isBlank() ? Path.of(home, ".touchpoint", "interrupted-journeys.json") : Path.of(file);
        return new InterruptedJourneys(engine, client, where, customerVariable);
    }

    @Bean
    RunningJourneys runningJourneys(CamundaClient client) {
        return new RunningJourneys(client);
    }

    @Bean
    @ConditionalOnProperty(name = "touchpoint.journeys.deploy", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton deployJourneysAtStartup(JourneyDeployer deployer) {
        return deployer::deploy;
    }

    @Bean
    JourneysHealthIndicator journeysHealthIndicator(JourneyDeployer deployer) {
        return new JourneysHealthIndicator(deployer);
    }
}
