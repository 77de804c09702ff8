package dev.touchpoint.channel.push.sandbox.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelMisconfiguredException;
import dev.touchpoint.channel.push.FcmPushAdapter;
import dev.touchpoint.channel.push.TestServiceAccount;
import dev.touchpoint.channel.push.autoconfigure.FcmAccount;
import dev.touchpoint.channel.push.autoconfigure.PushChannelAutoConfiguration;
import dev.touchpoint.channel.push.autoconfigure.PushChannelMode;
import dev.touchpoint.channel.push.sandbox.FcmSandbox;
import dev.touchpoint.channel.push.sandbox.SandboxPushEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The embedded default: the push adapter's and the sandbox's auto-configurations together, as in the application. */
class PushSandboxAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
                    PushChannelAutoConfiguration.class, PushSandboxAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void withoutAServiceAccountTheSandboxStandsInForFcm() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(FcmPushAdapter.class).hasSingleBean(FcmSandbox.class);
            FcmAccount account = context.getBean(FcmAccount.class);
            assertThat(account.mode()).isEqualTo(PushChannelMode.SANDBOX);
            assertThat(account.apiBaseUrl()).isEqualTo(context.getBean(FcmSandbox.class).baseUrl());
            assertThat(account.credentials().projectId()).isEqualTo(FcmSandbox.PROJECT_ID);
            assertThat(context.getBean(FcmPushAdapter.class).sendUri().toString())
                    .endsWith("/v1/projects/touchpoint-sandbox/messages:send");
            assertThat(context).doesNotHaveBean(SandboxPushEndpoints.class); // not a web application
        });
    }

    @Test
    void aKeyFileSelectsFcmWithItsProjectUnlessOneIsConfigured() throws IOException {
        Path keyFile = keyFile();
        runner.withPropertyValues("touchpoint.channels.push.fcm.credentials-location=file:" + keyFile)
                .run(context -> {
                    assertThat(context).hasSingleBean(FcmPushAdapter.class).doesNotHaveBean(FcmSandbox.class);
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
    void theClusterProfileWithoutAServiceAccountFailsAtStartUp() {
        runner.withInitializer(c -> c.getEnvironment().setActiveProfiles("cluster")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ChannelMisconfiguredException.class)
                    .hasMessageContaining("TOUCHPOINT_FCM_CREDENTIALS");
        });
    }

    @Test
    void theChannelCanBeSwitchedOff() {
        runner.withPropertyValues("touchpoint.channels.push.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(FcmPushAdapter.class).doesNotHaveBean(FcmSandbox.class));
    }

    private Path keyFile() throws IOException {
        Path keyFile = dir.resolve("fcm-service-account.json");
        Files.writeString(keyFile, TestServiceAccount.keyFileJson(URI.create("https://oauth2.googleapis.com/token")),
                StandardCharsets.UTF_8);
        return keyFile;
    }
}
