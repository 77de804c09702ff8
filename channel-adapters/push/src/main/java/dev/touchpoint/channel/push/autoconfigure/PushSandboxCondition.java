package dev.touchpoint.channel.push.autoconfigure;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@link PushChannelMode#decide} picks the sandbox (a misconfiguration is reported by the adapter).
 * Public for the sandbox module ({@code channel-adapter-push-sandbox}), whose beans exist exactly when the adapter
 * talks to them: the decision stays in one place, here.
 */
public class PushSandboxCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return sandboxSelected(context.getEnvironment()) ? ConditionOutcome.match("push sandbox selected")
                : ConditionOutcome.noMatch("an FCM key file is configured (or the configuration is invalid)");
    }

    static boolean sandboxSelected(Environment env) {
        try {
            return PushChannelMode.decide(env.getProperty(PushChannelMode.SANDBOX_KEY, Boolean.class),
                    env.getProperty(PushChannelMode.CREDENTIALS_KEY), env.matchesProfiles("cluster"))
                    == PushChannelMode.SANDBOX;
        } catch (ChannelMisconfiguredException e) {
            return false;
        }
    }
}
