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
                // not refused at start (the local cluster runs this profile without a desk), but said loudly: each
                // instance keeps its own tasks, in memory, until it stops
                log.warn("Service desk tasks go to this instance's in-memory sandbox (/api/sandbox/service-desk/tasks) and"
                        + " are lost when it stops: set touchpoint.service-desk.url (TOUCHPOINT_SERVICE_DESK_URL) in the"
                        + " cluster profile");
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
