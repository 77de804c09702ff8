package dev.touchpoint.delivery.internal;

import dev.touchpoint.channel.Masked;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.delivery.*}.
 *
 * @param signingSecret secret for the signed unsubscribe tokens (env {@code TOUCHPOINT_SIGNING_SECRET}); when empty
 *     one is generated once into {@code signingSecretFile}, so links keep working across restarts
 * @param signingSecretFile where a generated secret is kept (default {@code <touchpoint.home>/.touchpoint/signing-secret})
 * @param attemptRetention how long delivery attempts are remembered per idempotency key
 * @param attemptDeadline how long one attempt may take (ledger write, provider call, its answer) before another
 *     activation of the same touchpoint may take it over; until then a second activation waits (ADR-0022). Longer
 *     than the ledger's ack timeout plus the slowest provider timeout
 */
@Validated
@ConfigurationProperties(prefix = "touchpoint.delivery")
public record DeliveryProperties(
        String signingSecret,
        String signingSecretFile,
        @DefaultValue("7d") @NotNull Duration attemptRetention,
        @DefaultValue("3m") @NotNull Duration attemptDeadline) {

    @Override
    public String toString() {
        return "DeliveryProperties[signingSecret=" + Masked.secret(signingSecret) + ", signingSecretFile=" + signingSecretFile
                + ", attemptRetention=" + attemptRetention + ", attemptDeadline=" + attemptDeadline + "]";
    }
}
