package dev.touchpoint.security;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keys for the signed tokens and signatures of the application (unsubscribe tokens, tracking links, event
 * source signatures). A keyed {@link Mac} is not thread-safe and costs more to create than to use, so hot paths keep
 * one per thread ({@link #perThread}).
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** A new Mac keyed with {@code secret}. */
    public static Mac keyed(byte[] secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /** One Mac keyed with {@code secret} per thread (the secret is copied). */
    public static ThreadLocal<Mac> perThread(byte[] secret) {
        byte[] key = secret.clone();
        return ThreadLocal.withInitial(() -> keyed(key));
    }
}
