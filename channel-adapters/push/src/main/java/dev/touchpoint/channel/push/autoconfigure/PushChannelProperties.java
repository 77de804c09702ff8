package dev.touchpoint.channel.push.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.channels.push.*}: the Firebase service account, the FCM connection and the sandbox. The key file
 * location and project id also default to the environment variables {@code TOUCHPOINT_FCM_CREDENTIALS} (a file path)
 * and {@code TOUCHPOINT_FCM_PROJECT_ID}. The key file holds a private key: keep it out of the repository and the
 * logs.
 *
 * @param enabled whether the push adapter is registered at all
 * @param fcm     service account and API connection
 * @param sandbox the embedded FCM stand-in
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.channels.push")
public record PushChannelProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @DefaultValue Fcm fcm,
        @Valid @DefaultValue Sandbox sandbox) {

    /**
     * @param credentialsLocation the service-account key file (JSON, as downloaded from the Firebase console), as a
     *                            Spring resource: {@code file:/etc/touchpoint/fcm.json}; empty means none configured
     * @param projectId           the Firebase project; empty for the key file's {@code project_id}
     * @param apiBaseUrl          FCM's address; tests and the sandbox point it at a local server
     * @param tokenUri            where OAuth tokens are fetched instead of the key file's {@code token_uri}; empty for
     *                            the key file's (Google's)
     * @param connectTimeout      TCP connect timeout (FCM and the token endpoint)
     * @param readTimeout         how long to wait for one answer of FCM or the token endpoint
     * @param validateOnly        send with {@code validate_only}: FCM checks every message and delivers none (a dry
     *                            run of a new project)
     */
    public record Fcm(
            String credentialsLocation,
            @Pattern(regexp = "^$|^[a-z][a-z0-9-]{4,28}[a-z0-9]$", message = "must be a Firebase project id")
            String projectId,
            @DefaultValue("https://fcm.googleapis.com") @NotNull URI apiBaseUrl,
            URI tokenUri,
            @DefaultValue("5s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration readTimeout,
            @DefaultValue("false") boolean validateOnly) {
    }

    /**
     * @param enabled     {@code true} forces the sandbox, {@code false} forbids it; unset means "when no key file is
     *                    configured and the cluster profile is not active"
     * @param host        loopback address the stand-in binds
     * @param port        its port; 0 (default) picks a free one
     * @param maxMessages sends kept in memory
     */
    public record Sandbox(
            Boolean enabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("0") @Min(0) @Max(65535) int port,
            @DefaultValue("1000") @Min(1) int maxMessages) {
    }
}
