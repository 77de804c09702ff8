package dev.touchpoint.engine;

import io.camunda.client.CamundaClient;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The engine behind the Camunda client. In embedded mode the engine is a bean that starts before the client (so the
 * job workers' first poll finds it) and stops after it; in remote mode there is nothing to run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

    static final String EMBEDDED_ENGINE_BEAN = "embeddedZeebeEngine";

    @Bean(name = EMBEDDED_ENGINE_BEAN, initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "touchpoint.engine.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedZeebeEngine embeddedZeebeEngine(EngineProperties properties, org.springframework.beans.factory.ObjectProvider<DeploymentGuard> guard) {
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(properties.embedded().bindAddress(), properties.embedded().port(),
                properties.embedded().state(), properties.embedded().stateMemory().toBytes(),
                properties.embedded().retainedRecords(), properties.embedded().maxUnreadRecords());
        guard.ifAvailable(engine::guardDeployments); // the journey lint on every deploy to the gateway (ADR-0020)
        return engine;
    }

    /** What the embedded engine holds in memory: flat under constant load (issue 16.7, docs/benchmarks.md). */
    @Bean
    @ConditionalOnProperty(name = "touchpoint.engine.mode", havingValue = "embedded", matchIfMissing = true)
    io.micrometer.core.instrument.binder.MeterBinder embeddedEngineMemoryMetrics(EmbeddedZeebeEngine engine) {
        return registry -> {
            io.micrometer.core.instrument.Gauge.builder("touchpoint.engine.records.held", engine, EmbeddedZeebeEngine::recordsHeld)
                    .description("Engine records held in memory: the most recent ones and those a reader has not read yet")
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder("touchpoint.engine.log.bytes", engine, EmbeddedZeebeEngine::logBytesHeld)
                    .description("Bytes of engine log entries not yet released (-1: MEMORY state, whose log only grows)")
                    .baseUnit("bytes").register(registry);
        };
    }

    @Bean
    @ConditionalOnProperty(name = "touchpoint.engine.mode", havingValue = "remote")
    RemoteEngineRuntime remoteEngineRuntime(CamundaClient client, EngineProperties properties) {
        return new RemoteEngineRuntime(client.getConfiguration().getGrpcAddress().toString(), properties.identity());
    }

    /** Every Camunda client (and so every job worker) depends on the embedded engine, when there is one. */
    @Bean
    static BeanFactoryPostProcessor camundaClientAfterEmbeddedEngine() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition(EMBEDDED_ENGINE_BEAN)) {
                return;
            }
            for (String name : beanFactory.getBeanNamesForType(CamundaClient.class, true, false)) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                Set<String> dependsOn = new LinkedHashSet<>();
                if (definition.getDependsOn() != null) {
                    dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
                }
                dependsOn.add(EMBEDDED_ENGINE_BEAN);
                definition.setDependsOn(dependsOn.toArray(String[]::new));
            }
        };
    }

    @Bean
    EngineHealthIndicator engineHealthIndicator(CamundaClient client, EngineRuntime runtime, EngineProperties properties) {
        return new EngineHealthIndicator(client, runtime, properties.healthTimeout());
    }
}
