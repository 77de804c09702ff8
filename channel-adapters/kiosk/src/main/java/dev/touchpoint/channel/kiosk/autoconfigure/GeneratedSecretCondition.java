package dev.touchpoint.channel.kiosk.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the kiosk secret is made up at start: none configured, and not the {@code cluster} profile. */
class GeneratedSecretCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String secret = context.getEnvironment().getProperty("touchpoint.channels.kiosk.secret");
        boolean generated = (secret == null || secret.isBlank()) && !context.getEnvironment().matchesProfiles("cluster");
        return generated ? ConditionOutcome.match("no kiosk secret configured: a random one is used")
                : ConditionOutcome.noMatch("a kiosk secret is configured");
    }
}
