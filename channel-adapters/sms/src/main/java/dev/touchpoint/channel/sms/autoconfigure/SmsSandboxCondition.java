package dev.touchpoint.channel.sms.autoconfigure;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@link SmsChannelMode#decide} picks the sandbox (a misconfiguration is reported by the account).
 * Public for the sandbox module ({@code channel-adapter-sms-sandbox}), whose beans exist exactly when the adapter talks
 * to them: the decision stays in one place, here.
 */
public class SmsSandboxCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return sandboxSelected(context.getEnvironment()) ? ConditionOutcome.match("SMS sandbox selected")
                : ConditionOutcome.noMatch("Twilio credentials are configured (or the configuration is invalid)");
    }

    /** Whether the configuration selects the sandbox; {@code false} when it is invalid. */
    static boolean sandboxSelected(Environment env) {
        try {
            return SmsChannelMode.decide(env.getProperty(SmsChannelMode.SANDBOX_KEY, Boolean.class),
                    env.getProperty(SmsChannelMode.SID_KEY), env.getProperty(SmsChannelMode.TOKEN_KEY), true,
                    env.matchesProfiles("cluster")) == SmsChannelMode.SANDBOX;
        } catch (ChannelMisconfiguredException e) {
            return false;
        }
    }
}
