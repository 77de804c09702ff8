package dev.touchpoint.channel.email.autoconfigure;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@link EmailChannelMode#decide} picks the sandbox (a misconfiguration is reported by the adapter).
 * Public for the sandbox module ({@code channel-adapter-email-sandbox}), whose beans exist exactly when the adapter
 * sends to them: the decision stays in one place, here.
 */
public class EmailSandboxCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        try {
            EmailChannelMode mode = EmailChannelMode.decide(
                    env.getProperty(EmailChannelMode.SANDBOX_KEY, Boolean.class),
                    env.getProperty(EmailChannelMode.HOST_KEY), env.matchesProfiles("cluster"));
            return mode == EmailChannelMode.SANDBOX ? ConditionOutcome.match("email sandbox selected")
                    : ConditionOutcome.noMatch("an SMTP relay is configured");
        } catch (ChannelMisconfiguredException e) {
            return ConditionOutcome.noMatch(e.getMessage());
        }
    }
}
