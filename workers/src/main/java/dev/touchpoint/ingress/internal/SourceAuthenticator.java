package dev.touchpoint.ingress.internal;

import dev.touchpoint.security.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Checks who sent an event, per configured source, by one of:
 * <ul>
 *   <li>an API key ({@code X-Touchpoint-Api-Key});</li>
 *   <li>a timestamped HMAC-SHA256 signature: {@code X-Touchpoint-Timestamp: <unix seconds>} and
 *       {@code X-Touchpoint-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">}, accepted only while the
 *       timestamp is within the replay window of this server's clock (default 5 minutes), so a captured request
 *       cannot be replayed later; within the window the durable idempotency of the ingress drops a replay;</li>
 *   <li>the earlier body-only signature ({@code sha256=<hex HMAC of the body>}), replayable at any later time: only for
 *       sources that still allow it ({@code legacy-signatures: true}).</li>
 * </ul>
 * Every comparison is constant-time; several keys per source allow rotation.
 */
public final class SourceAuthenticator {

    private final Map<String, IngressProperties.Source> sources;
    private final Duration replayWindow;
    private final Clock clock;

    public SourceAuthenticator(Map<String, IngressProperties.Source> sources) {
        this(sources, Duration.ofMinutes(5), Clock.systemUTC());
    }

    public SourceAuthenticator(Map<String, IngressProperties.Source> sources, Duration replayWindow, Clock clock) {
        this.sources = sources;
        this.replayWindow = replayWindow;
        this.clock = clock;
    }

    /** What the headers alone say about a request. */
    public enum Verdict {
        /** A known source with one of its API keys: the body may be read. */
        AUTHENTICATED,
        /** A known source with a well-formed signature it can verify: read the body (bounded), then {@link #authenticate}. */
        NEEDS_BODY,
        /**
         * No source, an unknown one, a wrong key without a signature, an unusable signature, or a timestamp outside the
         * replay window: do not read the body.
         */
        REFUSED
    }

    /** As {@link #beforeBody(String, String, String, String)} without a timestamp header. */
    public Verdict beforeBody(String sourceName, String apiKey, String signature) {
        return beforeBody(sourceName, apiKey, signature, null);
    }

    /**
     * Decides from the headers only, so a request that cannot be authenticated is refused before its body is read.
     */
    public Verdict beforeBody(String sourceName, String apiKey, String signature, String timestamp) {
        IngressProperties.Source source = sourceName == null ? null : sources.get(sourceName);
        if (source == null) {
            return Verdict.REFUSED;
        }
        if (apiKey != null && keyMatches(source, apiKey)) {
            return Verdict.AUTHENTICATED;
        }
        if (signature == null || source.hmacSecrets().isEmpty()) {
            return Verdict.REFUSED;
        }
        if (signature.startsWith("v1=") && hex64(signature.substring(3)) && withinWindow(timestamp)) {
            return Verdict.NEEDS_BODY;
        }
        if (signature.startsWith("sha256=") && hex64(signature.substring(7)) && source.legacySignatures()) {
            return Verdict.NEEDS_BODY;
        }
        return Verdict.REFUSED;
    }

    private static boolean hex64(String value) {
        return value.strip().matches("[0-9A-Fa-f]{64}");
    }

    /** Whether the timestamp (unix seconds) is within the replay window of now, either side (clock skew). */
    boolean withinWindow(String timestamp) {
        if (timestamp == null || !timestamp.strip().matches("\\d{1,12}")) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        return Duration.between(signedAt, clock.instant()).abs().compareTo(replayWindow) <= 0;
    }

    private static boolean keyMatches(IngressProperties.Source source, String apiKey) {
        byte[] presented = apiKey.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String key : source.apiKeys()) {
            match |= MessageDigest.isEqual(presented, key.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    /** As {@link #authenticate(String, String, String, String, byte[])} without a timestamp header. */
    public Optional<String> authenticate(String sourceName, String apiKey, String signature, byte[] body) {
        return authenticate(sourceName, apiKey, signature, null, body);
    }

    /** The authenticated source name, or empty. */
    public Optional<String> authenticate(String sourceName, String apiKey, String signature, String timestamp, byte[] body) {
        if (sourceName == null) {
            return Optional.empty();
        }
        IngressProperties.Source source = sources.get(sourceName);
        if (source == null) {
            return Optional.empty();
        }
        if (apiKey != null && keyMatches(source, apiKey)) {
            return Optional.of(sourceName);
        }
        if (signature == null) {
            return Optional.empty();
        }
        byte[] signed;
        String hex;
        if (signature.startsWith("v1=") && withinWindow(timestamp)) {
            hex = signature.substring(3);
            signed = signedPayload(timestamp.strip(), body);
        } else if (signature.startsWith("sha256=") && source.legacySignatures()) {
            hex = signature.substring(7);
            signed = body;
        } else {
            return Optional.empty();
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(hex.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String secret : source.hmacSecrets()) {
            if (MessageDigest.isEqual(presented, hmac(secret, signed))) {
                return Optional.of(sourceName);
            }
        }
        return Optional.empty();
    }

    private static byte[] signedPayload(String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return payload;
    }

    public static byte[] hmac(String secret, byte[] body) {
        return HmacSha256.keyed(secret.getBytes(StandardCharsets.UTF_8)).doFinal(body);
    }

    /** The body-only signature ({@code sha256=...}) of sources with {@code legacy-signatures: true}. */
    public static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** The timestamped signature {@code v1=<hex HMAC-SHA256 of "<timestamp>.<body>">} for the given unix seconds. */
    public static String signature(String secret, long timestamp, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(hmac(secret, signedPayload(Long.toString(timestamp), body)));
    }
}
