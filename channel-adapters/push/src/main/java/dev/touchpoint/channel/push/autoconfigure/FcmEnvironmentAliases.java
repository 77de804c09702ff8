package dev.touchpoint.channel.push.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets two environment variables configure the push adapter: {@code TOUCHPOINT_FCM_CREDENTIALS} (the path of the
 * service-account key file) and {@code TOUCHPOINT_FCM_PROJECT_ID} are the lowest-precedence defaults of
 * {@code touchpoint.channels.push.fcm.credentials-location} and {@code .project-id}. Google's own
 * {@code GOOGLE_APPLICATION_CREDENTIALS} is deliberately not read: on a developer's machine it usually names some
 * other Google Cloud account, and the embedded default must stay in the sandbox.
 */
public class FcmEnvironmentAliases implements EnvironmentPostProcessor {

    static final String SOURCE = "touchpoint-fcm-environment-aliases";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        // only the variables that are set: an empty alias would outrank SpringApplication's default properties,
        // which Boot moves to the end after this runs
        Map<String, Object> aliases = new HashMap<>();
        String file = environment.getProperty("TOUCHPOINT_FCM_CREDENTIALS", "").strip();
        if (!file.isEmpty()) {
            aliases.put("touchpoint.channels.push.fcm.credentials-location",
                    file.contains(":") ? file : "file:" + file);
        }
        String project = environment.getProperty("TOUCHPOINT_FCM_PROJECT_ID", "").strip();
        if (!project.isEmpty()) {
            aliases.put("touchpoint.channels.push.fcm.project-id", project);
        }
        if (!aliases.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, aliases));
        }
    }
}
