package dev.touchpoint.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Google service account made up at run time: a fresh RSA key pair (never written anywhere) and the key file JSON
 * Firebase's console would download, with {@code token_uri} pointing at a local stand-in.
 */
public final class TestServiceAccount {

    public static final String PROJECT = "touchpoint-test";
    public static final String CLIENT_EMAIL = "touchpoint-push@touchpoint-test.iam.gserviceaccount.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair KEYS = generate();

    private TestServiceAccount() {
    }

    /** The key file, with the given token endpoint. */
    public static InputStream keyFile(URI tokenUri) {
        return new ByteArrayInputStream(keyFileJson(tokenUri).getBytes(StandardCharsets.UTF_8));
    }

    public static String keyFileJson(URI tokenUri) {
        ObjectNode account = JSON.createObjectNode();
        account.put("type", "service_account");
        account.put("project_id", PROJECT);
        account.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
        account.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        account.put("client_email", CLIENT_EMAIL);
        account.put("client_id", "112233445566778899000");
        account.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        account.put("token_uri", tokenUri.toString());
        return account.toString();
    }

    /** The claims of a JWT bearer assertion, after checking its RS256 signature with the account's public key. */
    static JsonNode verifiedClaims(String assertion) {
        String[] parts = assertion.split("\\.");
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(KEYS.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("the assertion is not signed with the service account's key");
            }
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the credentials on a clock the test moves: the auth library keeps its clock in a package-private field
     * of {@code OAuth2Credentials} and offers no other way to test expiry without waiting.
     */
    static AtomicLong manualClock(FcmCredentials credentials) {
        AtomicLong millis = new AtomicLong(System.currentTimeMillis());
        try {
            Field clock = com.google.auth.oauth2.OAuth2Credentials.class.getDeclaredField("clock");
            clock.setAccessible(true);
            clock.set(credentials.googleCredentials(), (com.google.api.client.util.Clock) millis::get);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the auth library's clock field moved", e);
        }
        return millis;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
