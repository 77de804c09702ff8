package dev.touchpoint.ingress.internal;

import dev.touchpoint.security.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Checks who sent an event: an API key or an HMAC-SHA256 signature of the raw body, per configured source. Every
 * comparison is constant-time; several keys per source allow rotation.
 */
public final class SourceAuthenticator {

    private final Map<String, IngressProperties.Source> sources;

    public SourceAuthenticator(Map<String, IngressProperties.Source> sources) {
        this.sources = sources;
    }

    /** What the headers alone say about a request. */
    public enum Verdict {
        /** A known source with one of its API keys: the body may be read. */
        AUTHENTICATED,
        /** A known source with a well-formed signature it can verify: read the body (bounded), then {@link #authenticate}. */
        NEEDS_BODY,
        /** No source, an unknown one, a wrong key without a signature, or an unusable signature: do not read the body. */
        REFUSED
    }

    /**
     * Decides from the headers only, so a request that cannot be authenticated is refused before its body is read.
     */
    public Verdict beforeBody(String sourceName, String apiKey, String signature) {
        IngressProperties.Source source = sourceName == null ? null : sources.get(sourceName);
        if (source == null) {
            return Verdict.REFUSED;
        }
        if (apiKey != null && keyMatches(source, apiKey)) {
            return Verdict.AUTHENTICATED;
        }
        if (signature != null && !source.hmacSecrets().isEmpty() && signature.startsWith("sha256=")
                && signature.substring(7).strip().matches("[0-9A-Fa-f]{64}")) {
            return Verdict.NEEDS_BODY;
        }
        return Verdict.REFUSED;
    }

    private static boolean keyMatches(IngressProperties.Source source, String apiKey) {
        byte[] presented = apiKey.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String key : source.apiKeys()) {
            match |= MessageDigest.isEqual(presented, key.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    /** The authenticated source name, or empty. */
    public Optional<String> authenticate(String sourceName, String apiKey, String signature, byte[] body) {
        if (sourceName == null) {
            return Optional.empty();
        }
        IngressProperties.Source source = sources.get(sourceName);
        if (source == null) {
            return Optional.empty();
        }
        if (apiKey != null) {
            byte[] presented = apiKey.getBytes(StandardCharsets.UTF_8);
            for (String key : source.apiKeys()) {
                if (MessageDigest.isEqual(presented, key.getBytes(StandardCharsets.UTF_8))) {
                    return Optional.of(sourceName);
                }
            }
        }
        if (signature != null && signature.startsWith("sha256=")) {
            byte[] presented;
            try {
                presented = HexFormat.of().parseHex(signature.substring(7).trim().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            for (String secret : source.hmacSecrets()) {
                if (MessageDigest.isEqual(presented, hmac(secret, body))) {
                    return Optional.of(sourceName);
                }
            }
        }
        return Optional.empty();
    }

    public static byte[] hmac(String secret, byte[] body) {
        return HmacSha256.keyed(secret.getBytes(StandardCharsets.UTF_8)).doFinal(body);
    }

    public static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }
}
