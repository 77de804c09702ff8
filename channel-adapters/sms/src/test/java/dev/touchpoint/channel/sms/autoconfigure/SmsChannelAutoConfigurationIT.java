package dev.touchpoint.channel.sms.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The adapter's auto-configuration alone (a Twilio set-up): the sandbox and its wiring are tested in
 * {@code channel-adapter-sms-sandbox}, with both auto-configurations.
 */
class SmsChannelAutoConfigurationIT {

    private static final String SID = "touchpoint.channels.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "touchpoint.channels.sms.twilio.auth-token=super-secret-token";
    private static final String FROM = "touchpoint.channels.sms.twilio.from=+14155550100";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    SmsChannelAutoConfiguration.class));

    @Test
    void withoutCredentialsAndWithoutTheSandboxModuleTheStartUpFailsWithTheFix() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                    .hasMessageContaining("channel-adapter-sms-sandbox")
                    .hasMessageContaining("touchpoint.channels.sms.twilio.account-sid");
        });
    }

    @Test
    void configuredCredentialsUseTwilio() {
        runner.withPropertyValues(SID, TOKEN, FROM).run(context -> {
            assertThat(context).hasSingleBean(TwilioSmsAdapter.class).doesNotHaveBean(SandboxTwilioEndpoint.class);
            assertThat(context.getBean(TwilioAccount.class).mode()).isEqualTo(SmsChannelMode.TWILIO);
            assertThat(context.getBean(SmsChannelProperties.class).toString()).doesNotContain("super-secret-token");
        });
    }

    @Test
    void theClusterProfileWithoutCredentialsFailsAtStartUp() {
        runner.withInitializer(c -> c.getEnvironment().setActiveProfiles("cluster")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                    .hasMessageContaining("TWILIO_AUTH_TOKEN");
        });
    }

    @Test
    void credentialsWithoutASenderFailAtStartUp() {
        runner.withPropertyValues(SID, TOKEN).run(context -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("no sender"));
    }

    @Test
    void malformedIdentifiersAreRejectedByValidation() {
        runner.withPropertyValues("touchpoint.channels.sms.twilio.account-sid=AC123", TOKEN, FROM)
                .run(context -> assertThat(context.getStartupFailure())
                        .hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void theChannelCanBeSwitchedOff() {
        runner.withPropertyValues("touchpoint.channels.sms.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(TwilioSmsAdapter.class).doesNotHaveBean(SandboxTwilioEndpoint.class));
    }
}
