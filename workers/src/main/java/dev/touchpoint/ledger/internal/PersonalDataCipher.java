package dev.touchpoint.ledger.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the ledger's personal fields (crypto-shredding). Each chain (customer) has data keys; a data key is
 * stored wrapped (encrypted) with the ledger master key, its key id and chain bound in as associated data. Personal
 * fields are sealed with the data key, the key id bound in. Output: base64 of a 12-byte random IV followed by the
 * ciphertext and its 128-bit tag.
 */
public final class PersonalDataCipher {

    static final String KEY_ALGORITHM = "AES";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalDataCipher() {
    }

    /** A fresh random 256-bit key. */
    public static SecretKey newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new SecretKeySpec(bytes, KEY_ALGORITHM);
    }

    public static SecretKey key(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, this one has " + bytes.length);
        }
        return new SecretKeySpec(bytes, KEY_ALGORITHM);
    }

    public static String wrap(SecretKey master, SecretKey dataKey, String keyId, String chainId) {
        return encrypt(master, dataKey.getEncoded(), wrapAad(keyId, chainId));
    }

    public static SecretKey unwrap(SecretKey master, String wrapped, String keyId, String chainId) {
        return key(decrypt(master, wrapped, wrapAad(keyId, chainId)));
    }

    public static String seal(SecretKey dataKey, String keyId, String plaintext) {
        return encrypt(dataKey, plaintext.getBytes(StandardCharsets.UTF_8), sealAad(keyId));
    }

    public static String open(SecretKey dataKey, String keyId, String sealed) {
        return new String(decrypt(dataKey, sealed, sealAad(keyId)), StandardCharsets.UTF_8);
    }

    private static byte[] wrapAad(String keyId, String chainId) {
        return ("touchpoint-ledger-key/1|" + keyId + "|" + chainId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sealAad(String keyId) {
        return ("touchpoint-ledger-personal/1|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static String encrypt(SecretKey key, byte[] plaintext, byte[] aad) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKey key, String encoded, byte[] aad) {
        try {
            byte[] all = Base64.getDecoder().decode(encoded);
            if (all.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("ciphertext is too short");
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot decrypt: wrong key or altered ciphertext", e);
        }
    }
}
