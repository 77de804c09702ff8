package dev.touchpoint;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The Touchpoint application: job workers for every touchpoint channel, the engine connection, journey deployment,
 * the customer context and the APIs. Started by {@code ./touchpoint run} from the repository root, where it reads
 * {@code config/application.yaml}.
 *
 * <p>Component scanning covers this application's own packages only. The channel adapters and the brand design
 * system live in {@code dev.touchpoint.channel} and {@code dev.touchpoint.brand} too, in their own jars; they register
 * their beans through their auto-configurations (and its conditions), never through this scan.
 *
 * <p>Configuration properties are registered one way: each module's configuration class names its own with
 * {@code @EnableConfigurationProperties} (there is no properties scan), so a module's settings exist exactly when
 * the module does.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.touchpoint\\.(channel|brand)\\..*")
})
public class TouchpointApplication {

    /**
     * The application's one clock: every component reads the time through it (quiet hours, budgets, consent times,
     * tokens, retention), so that a test can pin or move time with a {@code @Primary} clock of its own.
     */
    @Bean
    Clock touchpointClock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(TouchpointApplication.class, args);
    }
}
