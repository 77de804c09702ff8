package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskTarget;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may open a kiosk page and hold a kiosk's WebSocket. Each kiosk has a token that goes into the URL the kiosk
 * browser opens ({@code /kiosk/{storeId}/{kioskId}?token=...}):
 * <ul>
 *   <li>derived: {@code base64url(HMAC-SHA256(secret, "touchpoint-kiosk-v1\n" + storeId + "\n" + kioskId))}, so an
 *       operator mints links for new kiosks with the shared secret alone ({@link KioskLinks});</li>
 *   <li>or configured per kiosk (a token issued some other way), which then is the only one accepted for it.</li>
 * </ul>
 * Tokens are compared in constant time. The same secret also keys the signatures of messages between app instances
 * ({@link #routeKey()}), so every instance must be configured with the same secret.
 */
public final class KioskTokens {

    /** Shortest configured secret accepted (32 characters, 256 bits of a random string). */
    public static final int MIN_SECRET_LENGTH = 32;

    private final byte[] secret;
    private final Map<String, byte[]> perKiosk;

    /**
     * @param secret   the shared secret
     * @param perKiosk tokens configured for single kiosks, by {@code storeId/kioskId}
     */
    public KioskTokens(String secret, Map<String, String> perKiosk) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the kiosk secret must have at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> tokens = new HashMap<>();
        perKiosk.forEach((key, token) -> tokens.put(key, digest(token)));
        this.perKiosk = Map.copyOf(tokens);
    }

    /** Whether a token is configured for this kiosk (then the derived one is not accepted for it). */
    public boolean hasConfiguredToken(String storeId, String kioskId) {
        return perKiosk.containsKey(KioskPresence.key(storeId, kioskId));
    }

    /** The derived token of a kiosk under this secret. */
    public String derivedToken(String storeId, String kioskId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                hmac(secret, "touchpoint-kiosk-v1\n" + storeId + "\n" + kioskId));
    }

    /** Whether {@code presented} is the kiosk's token; ids that are not valid ids are never accepted. */
    public boolean verify(String storeId, String kioskId, String presented) {
        if (!KioskTarget.isValidId(storeId) || !KioskTarget.isValidId(kioskId) || presented == null
                || presented.isEmpty() || presented.length() > 512) {
            return false;
        }
        byte[] expected = perKiosk.get(KioskPresence.key(storeId, kioskId));
        if (expected == null) {
            expected = digest(derivedToken(storeId, kioskId));
        }
        return MessageDigest.isEqual(expected, digest(presented));
    }

    /** The key instances sign their messages to each other with. */
    public byte[] routeKey() {
        return hmac(secret, "touchpoint-kiosk-route-v1");
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Hashing both sides first makes the comparison independent of the presented token's length. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "KioskTokens[secret=******, perKiosk=" + perKiosk.keySet() + "]";
    }
}
