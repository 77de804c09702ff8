package dev.touchpoint.ingress;

import dev.touchpoint.security.HmacSha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Signed email-engagement links: the open-tracking pixel {@code /t/o/<token>.gif} and click redirects
 * {@code /t/c/<token>}. The token carries the customer, the message and (for clicks) the target URL, signed with
 * HMAC-SHA256: the redirect goes only to a URL the template rendered and signed, never to one taken from the request
 * (no open redirect). Tokens expire; several secrets may verify (the first signs) so the secret can be rotated.
 *
 * <p>The email renderer calls {@link #openPixelPath} and {@link #clickPath} and prefixes Touchpoint's public address.
 */
public final class TrackingLinks {

    public static final String OPEN_PREFIX = "/t/o/";
    public static final String CLICK_PREFIX = "/t/c/";

    /** What a valid token says. {@code url} is null for an open pixel. */
    public record TrackedLink(Kind kind, String customerId, String messageId, String url, Instant expiresAt) {}

    public enum Kind { OPEN, CLICK }

    private final List<byte[]> secrets;
    /** The signing Mac per thread (every email signs several links; a new Mac per link showed in the profile). */
    private final ThreadLocal<Mac> signer;
    private final Duration lifetime;
    private final Clock clock;

    /** @param secrets the first signs, all verify (rotation: put the new one first, drop the old after the lifetime) */
    public TrackingLinks(List<byte[]> secrets, Duration lifetime, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s.length < 16)) {
            throw new IllegalArgumentException("tracking secrets must be at least 16 bytes");
        }
        this.secrets = secrets.stream().map(byte[]::clone).toList();
        this.signer = HmacSha256.perThread(this.secrets.getFirst());
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String openPixelPath(String customerId, String messageId) {
        return OPEN_PREFIX + sign(Kind.OPEN, customerId, messageId, null) + ".gif";
    }

    /** @throws IllegalArgumentException when the URL is not an absolute http(s) URL */
    public String clickPath(String customerId, String messageId, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException("only absolute http(s) links can be tracked");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        return CLICK_PREFIX + sign(Kind.CLICK, customerId, messageId, url);
    }

    private String sign(Kind kind, String customerId, String messageId, String url) {
        if (customerId == null || customerId.isBlank() || messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("customerId and messageId are required");
        }
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String payload = String.join("\n", "1", kind == Kind.OPEN ? "o" : "c", customerId, messageId, Long.toString(expires),
                url == null ? "" : url);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(signer.get().doFinal(bytes));
    }

    /** The link a token stands for, when it is authentic, unexpired and of the expected kind. */
    public Optional<TrackedLink> verify(String token, Kind expected) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean authentic = false;
        for (byte[] secret : secrets) {
            authentic |= MessageDigest.isEqual(mac(secret, payload), signature);
        }
        if (!authentic) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 6 || !parts[0].equals("1")) {
            return Optional.empty();
        }
        Kind kind = parts[1].equals("o") ? Kind.OPEN : parts[1].equals("c") ? Kind.CLICK : null;
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
        if (kind != expected || !clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new TrackedLink(kind, parts[2], parts[3], kind == Kind.CLICK ? parts[5] : null, expiresAt));
    }

    private static byte[] mac(byte[] secret, byte[] payload) {
        return HmacSha256.keyed(secret).doFinal(payload);
    }

    /** Secrets from configuration: each a string (used as UTF-8 bytes). */
    public static List<byte[]> secrets(String current, List<String> previous) {
        List<byte[]> all = new ArrayList<>();
        all.add(current.getBytes(StandardCharsets.UTF_8));
        previous.stream().filter(p -> p != null && !p.isBlank()).forEach(p -> all.add(p.getBytes(StandardCharsets.UTF_8)));
        return all;
    }
}
