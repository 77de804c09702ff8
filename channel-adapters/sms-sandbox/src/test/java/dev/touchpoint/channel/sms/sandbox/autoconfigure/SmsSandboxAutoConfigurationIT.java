package dev.touchpoint.channel.sms.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import dev.touchpoint.channel.sms.autoconfigure.SmsChannelAutoConfiguration;
import dev.touchpoint.channel.sms.autoconfigure.SmsChannelMode;
import dev.touchpoint.channel.sms.autoconfigure.SmsChannelProperties;
import dev.touchpoint.channel.sms.autoconfigure.TwilioAccount;
import dev.touchpoint.channel.sms.sandbox.SandboxSmsEndpoints;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The embedded default: the SMS adapter's and the sandbox's auto-configurations together, as in the application. */
class SmsSandboxAutoConfigurationIT {

    private static final String SID = "touchpoint.channels.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "touchpoint.channels.sms.twilio.auth-token=super-secret-token";
    private static final String FROM = "touchpoint.channels.sms.twilio.from=+14155550100";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    SmsChannelAutoConfiguration.class, SmsSandboxAutoConfiguration.class));

    @Test
    void withoutCredentialsTheSandboxStandsInForTwilio() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TwilioSmsAdapter.class).hasSingleBean(TwilioSandbox.class);
            TwilioAccount account = context.getBean(TwilioAccount.class);
            assertThat(account.mode()).isEqualTo(SmsChannelMode.SANDBOX);
            assertThat(account.apiBaseUrl()).isEqualTo(context.getBean(TwilioSandbox.class).baseUrl());
            assertThat(account.toString()).doesNotContain(account.authToken());
            assertThat(context).doesNotHaveBean(TwilioWebhookHandler.class)
                    .doesNotHaveBean(SandboxSmsEndpoints.class); // not a web application
        });
    }

    @Test
    void configuredCredentialsUseTwilio() {
        runner.withPropertyValues(SID, TOKEN, FROM).run(context -> {
            assertThat(context).hasSingleBean(TwilioSmsAdapter.class).doesNotHaveBean(TwilioSandbox.class);
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
    void theChannelCanBeSwitchedOff() {
        runner.withPropertyValues("touchpoint.channels.sms.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(TwilioSmsAdapter.class).doesNotHaveBean(TwilioSandbox.class));
    }
}
