package dev.touchpoint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Touchpoint application: job workers for every touchpoint channel, the engine connection, journey deployment,
 * the customer context and the APIs. Started by {@code ./touchpoint run} from the repository root, where it reads
 * {@code config/application.yaml}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TouchpointApplication {

    public static void main(String[] args) {
        SpringApplication.run(TouchpointApplication.class, args);
    }
}
