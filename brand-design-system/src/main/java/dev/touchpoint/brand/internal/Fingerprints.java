package dev.touchpoint.brand.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 over a channel's canonical content: each field as {@code name:byteLength:value\n} in a fixed order, so no
 * two different messages share the bytes that are hashed.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    /** Cloned per call: cheaper than looking the algorithm up among the security providers every time. */
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static String sha256(Map<String, String> fields) {
        MessageDigest digest = newDigest();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            byte[] value = (field.getValue() == null ? "" : field.getValue()).getBytes(StandardCharsets.UTF_8);
            digest.update((field.getKey() + ":" + value.length + ":").getBytes(StandardCharsets.UTF_8));
            digest.update(value);
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", impossible);
            }
        }
    }
}
