package dev.touchpoint.channel.sms.autoconfigure;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets Twilio's usual environment variables configure the adapter: {@code TWILIO_ACCOUNT_SID},
 * {@code TWILIO_AUTH_TOKEN}, {@code TWILIO_MESSAGING_SERVICE_SID} and {@code TWILIO_FROM} are the lowest-precedence
 * defaults of the matching {@code touchpoint.channels.sms.twilio.*} keys, so anything configured explicitly wins.
 */
public class TwilioEnvironmentAliases implements EnvironmentPostProcessor {

    static final String SOURCE = "touchpoint-twilio-environment-aliases";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "touchpoint.channels.sms.twilio.account-sid", "${TWILIO_ACCOUNT_SID:}",
                "touchpoint.channels.sms.twilio.auth-token", "${TWILIO_AUTH_TOKEN:}",
                "touchpoint.channels.sms.twilio.messaging-service-sid", "${TWILIO_MESSAGING_SERVICE_SID:}",
                "touchpoint.channels.sms.twilio.from", "${TWILIO_FROM:}")));
    }
}
