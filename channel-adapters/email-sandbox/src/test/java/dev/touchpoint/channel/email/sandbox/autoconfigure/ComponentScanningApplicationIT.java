package dev.touchpoint.channel.email.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.email.SmtpEmailAdapter;
import dev.touchpoint.channel.email.autoconfigure.EmailChannelAutoConfiguration;
import dev.touchpoint.channel.email.sandbox.SandboxEmailEndpoints;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
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
                    EmailChannelAutoConfiguration.class, EmailSandboxAutoConfiguration.class))
            .withPropertyValues("touchpoint.channels.email.sandbox.port=0");

    @Test
    void withARelayNoSandboxPartIsPickedUpByScanning() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.host=smtp.example.com").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SmtpEmailAdapter.class);
            assertThat(context).doesNotHaveBean(SandboxMailServer.class).doesNotHaveBean(SandboxEmailEndpoints.class);
        });
    }

    @Test
    void inTheSandboxEveryPartExistsOnce() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SandboxMailServer.class)
                .hasSingleBean(SandboxEmailEndpoints.class).hasSingleBean(SmtpEmailAdapter.class));
    }
}
