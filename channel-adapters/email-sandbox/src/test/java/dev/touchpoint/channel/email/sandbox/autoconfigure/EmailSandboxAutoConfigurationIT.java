package dev.touchpoint.channel.email.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.email.SmtpEmailAdapter;
import dev.touchpoint.channel.email.autoconfigure.EmailChannelAutoConfiguration;
import dev.touchpoint.channel.email.autoconfigure.EmailChannelProperties;
import dev.touchpoint.channel.email.sandbox.SandboxEmailEndpoints;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The embedded default: the email adapter's and the sandbox's auto-configurations together, as in the application. */
class EmailSandboxAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    EmailChannelAutoConfiguration.class, EmailSandboxAutoConfiguration.class))
            .withPropertyValues("touchpoint.channels.email.sandbox.port=0");

    @Test
    void withoutARelayTheAdapterDeliversToTheSandbox() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SmtpEmailAdapter.class).hasSingleBean(SandboxMailServer.class);
            assertThat(context).doesNotHaveBean(SandboxEmailEndpoints.class); // not a web application
            ChannelAdapter adapter = context.getBean(SmtpEmailAdapter.class);

            adapter.send(new OutboundMessage("auto-1", "cust-1", "kim@example.org", new EmailContent("Hi", null,
                    "<p>Hi</p>", "Hi", "Shop", "news@shop.example", null, null, EmailCategory.TRANSACTIONAL)));

            assertThat(context.getBean(SandboxMailServer.class).messages()).singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("Hi"));
        });
    }

    @Test
    void aConfiguredRelayReplacesTheSandbox() {
        runner.withPropertyValues("touchpoint.channels.email.smtp.host=smtp.example.com",
                        "touchpoint.channels.email.smtp.username=touchpoint",
                        "touchpoint.channels.email.smtp.password=hunter2")
                .run(context -> {
                    assertThat(context).hasSingleBean(SmtpEmailAdapter.class).doesNotHaveBean(SandboxMailServer.class);
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
    void halfADkimConfigurationIsAnError() {
        runner.withPropertyValues("touchpoint.channels.email.dkim.domain=shop.example").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("DKIM"));
    }

    @Test
    void theChannelCanBeSwitchedOff() {
        runner.withPropertyValues("touchpoint.channels.email.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(SmtpEmailAdapter.class).doesNotHaveBean(SandboxMailServer.class));
    }
}
