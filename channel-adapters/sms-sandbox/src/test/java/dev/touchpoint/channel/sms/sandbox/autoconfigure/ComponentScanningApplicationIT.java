package dev.touchpoint.channel.sms.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.sms.TwilioSmsAdapter;
import dev.touchpoint.channel.sms.autoconfigure.SmsChannelAutoConfiguration;
import dev.touchpoint.channel.sms.sandbox.SandboxSmsEndpoints;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.channel.sms.webhook.TwilioWebhookHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The workers application component-scans {@code dev.touchpoint}, which includes this module: nothing here may be
 * registered by scanning, or the sandbox parts would appear regardless of the auto-configuration's conditions.
 */
class ComponentScanningApplicationIT {

    @ComponentScan(basePackages = "dev.touchpoint", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*(Test|IT)(\\$.*)?")})
    static class ScanningApplication {
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(ScanningApplication.class)
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, WebMvcAutoConfiguration.class,
                    SmsChannelAutoConfiguration.class, SmsSandboxAutoConfiguration.class));

    @Test
    void withTwilioCredentialsNoSandboxPartIsPickedUpByScanning() {
        runner.withPropertyValues("touchpoint.channels.sms.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                "touchpoint.channels.sms.twilio.auth-token=t", "touchpoint.channels.sms.twilio.from=+14155550100")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(TwilioSmsAdapter.class)
                            .hasSingleBean(TwilioWebhookHandler.class);
                    assertThat(context).doesNotHaveBean(TwilioSandbox.class)
                            .doesNotHaveBean(SandboxSmsEndpoints.class);
                });
    }

    @Test
    void inTheSandboxEveryPartExistsOnce() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(TwilioSandbox.class)
                .hasSingleBean(SandboxSmsEndpoints.class).hasSingleBean(TwilioWebhookHandler.class));
    }
}
