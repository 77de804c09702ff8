package dev.touchpoint.channel.kiosk.autoconfigure;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets {@code TOUCHPOINT_KIOSK_SECRET} configure the kiosk secret: it is the lowest-precedence default of
 * {@code touchpoint.channels.kiosk.secret}, so anything configured explicitly wins.
 */
public class KioskEnvironmentAliases implements EnvironmentPostProcessor {

    static final String SOURCE = "touchpoint-kiosk-environment-aliases";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String secret = environment.getProperty("TOUCHPOINT_KIOSK_SECRET");
        // only when set: an empty alias would outrank SpringApplication's default properties, which Boot moves last
        if (secret != null && !secret.isBlank() && !environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of("touchpoint.channels.kiosk.secret", secret)));
        }
    }
}
