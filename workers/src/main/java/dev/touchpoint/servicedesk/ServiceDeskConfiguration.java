package dev.touchpoint.servicedesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.engine.EngineRuntime;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Follow-up tasks for service agents (ADR-0030): the webhook when {@code touchpoint.service-desk.url} is set, else the sandbox. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceDeskProperties.class)
public class ServiceDeskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceDeskConfiguration.class);

    @Bean
    ServiceDesk serviceDesk(ServiceDeskProperties properties, ObjectProvider<ObjectMapper> json,
                            org.springframework.core.env.Environment environment) {
        if (properties.sandbox()) {
            if (environment.matchesProfiles("cluster")) {
                if (!properties.sandboxInCluster()) {
                    // a journey would record OPENED for tasks no agent ever sees, spread over the instances' memory
                    throw new IllegalStateException("touchpoint.service-desk.url (TOUCHPOINT_SERVICE_DESK_URL) is not set in"
                            + " the cluster profile: service recovery would open agent tasks in each instance's memory,"
                            + " lost when it stops. Set the URL of your service desk, or touchpoint.service-desk."
                            + "sandbox-in-cluster=true for a test cluster");
                }
                log.warn("Service desk tasks go to this instance's in-memory sandbox (/api/sandbox/service-desk/tasks) and"
                        + " are lost when it stops (touchpoint.service-desk.sandbox-in-cluster=true)");
            } else {
                log.info("Service desk tasks go to the sandbox service desk (/api/sandbox/service-desk/tasks): set"
                        + " touchpoint.service-desk.url for real agents");
            }
            return new SandboxServiceDesk();
        }
        WebhookServiceDesk desk = new WebhookServiceDesk(URI.create(properties.url().strip()), properties.token(),
                properties.timeout(), json.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()));
        log.info("Service desk tasks go to {}", desk.describe());
        return desk;
    }

    @Bean
    ServiceDeskWorker serviceDeskWorker(ServiceDesk desk, ObjectProvider<Clock> clock, ObjectProvider<EngineRuntime> engine) {
        return new ServiceDeskWorker(desk, clock.getIfUnique(Clock::systemUTC), () -> {
            EngineRuntime runtime = engine.getIfAvailable();
            return runtime == null ? "" : runtime.identity();
        });
    }
}
