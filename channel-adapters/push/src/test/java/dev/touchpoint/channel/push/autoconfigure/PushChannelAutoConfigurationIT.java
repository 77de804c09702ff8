package dev.touchpoint.channel.push.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.push.FcmPushAdapter;
import dev.touchpoint.channel.push.TestServiceAccount;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The adapter's auto-configuration alone (an FCM set-up): the sandbox and its wiring are tested in
 * {@code channel-adapter-push-sandbox}, with both auto-configurations.
 */
class PushChannelAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    PushChannelAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void withoutAServiceAccountAndWithoutTheSandboxModuleTheStartUpFailsWithTheFix() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                    .hasMessageContaining("channel-adapter-push-sandbox")
                    .hasMessageContaining("touchpoint.channels.push.fcm.credentials-location");
        });
    }

    @Test
    void aKeyFileSelectsFcmWithItsProjectUnlessOneIsConfigured() throws IOException {
        Path keyFile = keyFile();
        runner.withPropertyValues("touchpoint.channels.push.fcm.credentials-location=file:" + keyFile)
                .run(context -> {
                    assertThat(context).hasSingleBean(FcmPushAdapter.class).doesNotHaveBean(SandboxFcmEndpoint.class);
                    FcmAccount account = context.getBean(FcmAccount.class);
                    assertThat(account.mode()).isEqualTo(PushChannelMode.FCM);
                    assertThat(account.credentials().projectId()).isEqualTo(TestServiceAccount.PROJECT);
                    assertThat(account.credentials().account()).isEqualTo(TestServiceAccount.CLIENT_EMAIL);
                    assertThat(context.getBean(FcmPushAdapter.class).sendUri()).isEqualTo(URI.create(
                            "https://fcm.googleapis.com/v1/projects/touchpoint-test/messages:send"));
                    assertThat(account.toString()).doesNotContain("PRIVATE KEY");
                });
        runner.withPropertyValues("touchpoint.channels.push.fcm.credentials-location=file:" + keyFile,
                "touchpoint.channels.push.fcm.project-id=other-project-7",
                "touchpoint.channels.push.fcm.token-uri=http://127.0.0.1:9/token")
                .run(context -> {
                    FcmAccount account = context.getBean(FcmAccount.class);
                    assertThat(account.credentials().projectId()).isEqualTo("other-project-7");
                    assertThat(account.credentials().tokenServerUri()).isEqualTo(URI.create("http://127.0.0.1:9/token"));
                });
    }

    @Test
    void theEnvironmentVariableAliasNamesTheKeyFile() throws IOException {
        Path keyFile = keyFile();
        runner.withSystemProperties("TOUCHPOINT_FCM_CREDENTIALS=" + keyFile)
                .withInitializer(c -> new FcmEnvironmentAliases().postProcessEnvironment(c.getEnvironment(), null))
                .run(context -> assertThat(context.getBean(FcmAccount.class).mode()).isEqualTo(PushChannelMode.FCM));
    }

    @Test
    void theClusterProfileWithoutAServiceAccountFailsAtStartUp() {
        runner.withInitializer(c -> c.getEnvironment().setActiveProfiles("cluster")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                    .hasMessageContaining("TOUCHPOINT_FCM_CREDENTIALS");
        });
    }

    @Test
    void anUnreadableOrBrokenKeyFileFailsAtStartUpWithoutQuotingIt() throws IOException {
        runner.withPropertyValues("touchpoint.channels.push.fcm.credentials-location=file:" + dir.resolve("none.json"))
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("cannot be read"));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"type\":\"service_account\",\"private_key\":\"secret-material\"}");
        runner.withPropertyValues("touchpoint.channels.push.fcm.credentials-location=file:" + broken)
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(ChannelMisconfiguredException.class).hasMessageContaining("cannot be used")
                        .hasMessageNotContaining("secret-material"));
    }

    @Test
    void aMalformedProjectIdIsRejectedByValidation() {
        runner.withPropertyValues("touchpoint.channels.push.fcm.project-id=Not A Project")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasRootCauseInstanceOf(BindValidationException.class));
    }

    @Test
    void theChannelCanBeSwitchedOff() {
        runner.withPropertyValues("touchpoint.channels.push.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(FcmPushAdapter.class).doesNotHaveBean(SandboxFcmEndpoint.class));
    }

    private Path keyFile() throws IOException {
        Path keyFile = dir.resolve("fcm-service-account.json");
        Files.writeString(keyFile, TestServiceAccount.keyFileJson(URI.create("https://oauth2.googleapis.com/token")),
                StandardCharsets.UTF_8);
        return keyFile;
    }
}
