package dev.touchpoint.ingress.internal;

import dev.touchpoint.channel.Masked;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.ingress.*}: where the routing is, how engine backpressure is retried, the event sources and their
 * credentials, the Kafka inbound adapter and the tracking links.
 */
@ConfigurationProperties("touchpoint.ingress")
public record IngressProperties(
        String routing,
        @DefaultValue("500") int maxBatch,
        @DefaultValue Backpressure backpressure,
        Map<String, Source> sources,
        @DefaultValue Kafka kafka,
        @DefaultValue Tracking tracking,
        @DefaultValue Idempotency idempotency,
        @DefaultValue("5m") Duration signatureReplayWindow) {

    public IngressProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** Retries of a publish the engine refused with RESOURCE_EXHAUSTED; then HTTP answers 503 with Retry-After. */
    public record Backpressure(@DefaultValue("50ms") Duration initialBackoff, @DefaultValue("2s") Duration maxBackoff,
                               @DefaultValue("6") int attempts, @DefaultValue("5s") Duration retryAfter) {}

    /**
     * One event source. It authenticates with header {@code X-Touchpoint-Source: <name>} plus either
     * {@code X-Touchpoint-Api-Key} (one of api-keys) or {@code X-Touchpoint-Timestamp: <unix seconds>} and
     * {@code X-Touchpoint-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">} (with one of hmac-secrets; the
     * timestamp within {@code signature-replay-window}). {@code legacy-signatures: true} still accepts the earlier
     * body-only {@code sha256=<hex HMAC of the body>}, which can be replayed later: migrate, then switch it off.
     * Several keys/secrets at once make rotation seamless: add the new, move the source over, remove the old.
     */
    public record Source(List<String> apiKeys, List<String> hmacSecrets, boolean legacySignatures) {
        public Source(List<String> apiKeys, List<String> hmacSecrets) {
            this(apiKeys, hmacSecrets, false);
        }

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Source {
            apiKeys = apiKeys == null ? List.of() : apiKeys.stream().filter(k -> k != null && !k.isBlank()).toList();
            hmacSecrets = hmacSecrets == null ? List.of() : hmacSecrets.stream().filter(k -> k != null && !k.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "Source[apiKeys=" + Masked.secrets(apiKeys) + ", hmacSecrets=" + Masked.secrets(hmacSecrets)
                    + ", legacySignatures=" + legacySignatures + "]";
        }
    }

    /**
     * Durable ingress idempotency (ADR-0022): every event's (source, idempotency key) is kept for {@code window}, for
     * every route (journey start, correlation, context-only); a redelivery within it is DUPLICATE and not routed again,
     * whatever the engine's message buffer still holds. Kafka records older than the window are refused to the
     * dead-letter topic (a redelivery that old could not be recognised).
     */
    public record Idempotency(@DefaultValue("true") boolean enabled, @DefaultValue("7d") Duration window) {}

    /** The Kafka inbound adapter (off by default; on in the cluster profile). */
    public record Kafka(@DefaultValue("false") boolean enabled, @DefaultValue("touchpoint.events") String topic,
                        @DefaultValue("touchpoint-ingress") String groupId,
                        @DefaultValue("touchpoint.events.dlt") String deadLetterTopic,
                        @DefaultValue("1") int concurrency) {}

    /**
     * Signed open pixel and click links in emails. {@code secret} signs (when empty: generated once into the file
     * {@code tracking-secret} next to the credentials file); {@code previous-secrets} still verify (rotation).
     * {@code public-base-url} is where customers' mail clients reach {@code /t/**}; {@code opens} / {@code clicks}
     * switch the pixel and the link rewriting.
     */
    public record Tracking(@DefaultValue("P90D") Duration linkLifetime, String secret, List<String> previousSecrets,
                           @DefaultValue("http://localhost:8080") String publicBaseUrl,
                           @DefaultValue("true") boolean opens, @DefaultValue("true") boolean clicks) {
        public Tracking {
            previousSecrets = previousSecrets == null ? List.of() : List.copyOf(previousSecrets);
        }

        @Override
        public String toString() {
            return "Tracking[linkLifetime=" + linkLifetime + ", secret=" + Masked.secret(secret) + ", previousSecrets="
                    + Masked.secrets(previousSecrets) + ", publicBaseUrl=" + publicBaseUrl + ", opens=" + opens
                    + ", clicks=" + clicks + "]";
        }
    }
}
