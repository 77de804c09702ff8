package dev.touchpoint.channel.email.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.email.SmtpEmailAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The adapter's auto-configuration alone (a relay set-up): the sandbox and its wiring are tested in
 * {@code channel-adapter-email-sandbox}, with both auto-configurations.
 */
class EmailChannelAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    EmailChannelAutoConfiguration.class))
            .withPropertyValues("touchpoint.channels.email.sandbox.port=0");

    @Test
    void withoutARelayAndWithoutTheSandboxModuleTheStartUpFailsWithTheFix() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                    .hasMessageContaining("channel-adapter-email-sandbox")
                    .hasMessageContaining("touchpoint.channels.email.smtp.host");
        });
    }

    @Test
    void aConfiguredRelayIsUsedAndItsPasswordNeverShown() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.host=smtp.example.com",
                        "touchpoint.channels.email.smtp.username=touchpoint",
                        "touchpoint.channels.email.smtp.password=hunter2")
                .run(context -> {
                    assertThat(context).hasSingleBean(SmtpEmailAdapter.class).doesNotHaveBean(SandboxSmtpRelay.class);
                    assertThat(context.getBean(EmailChannelProperties.class).toString()).doesNotContain("hunter2");
                });
    }

    @Test
    void theClusterProfileWithoutARelayFailsAtStartUp() {
        runner.withInitializer(context -> context.getEnvironment().setActiveProfiles("cluster"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(ChannelMisconfiguredException.class)
                            .hasMessageContaining("touchpoint.channels.email.smtp.host");
                });
    }

    @Test
    void invalidSettingsAreRejectedByValidation() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.port=70000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BindValidationException.class);
        });
    }

    @Test
    void aPlaintextPasswordToARemoteRelayIsRefused() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.host=smtp.example.com",
                        "touchpoint.channels.email.smtp.tls-mode=none",
                        "touchpoint.channels.email.smtp.username=u", "touchpoint.channels.email.smtp.password=p")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("clear text"));
    }

    @Test
    void halfADkimConfigurationIsAnError() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.host=smtp.example.com",
                "touchpoint.channels.email.dkim.domain=shop.example").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("DKIM"));
    }

    @Test
    void aDkimKeyIsLoadedFromItsLocation() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.host=smtp.example.com",
                        "touchpoint.channels.email.dkim.domain=shop.example",
                        "touchpoint.channels.email.dkim.selector=tp",
                        "touchpoint.channels.email.dkim.private-key-location=classpath:dkim/test-key.pem")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SmtpEmailAdapter.class));
    }

    @Test
    void theChannelCanBeSwitchedOff() {
        runner.withPropertyValues("touchpoint.channels.email.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(SmtpEmailAdapter.class));
    }
}
