package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs the messages app instances exchange about kiosks with HMAC-SHA256 under the route key (derived from the
 * shared kiosk secret). A kiosk renders the HTML it is sent, so only instances that know the secret may send it
 * screens: anyone else with access to the Hazelcast cluster (a stray client, a misconfigured instance) is ignored.
 * An envelope is {@code {"b": "<body JSON>", "s": "<signature>", "k": "<key id>"}}; the key id (a fingerprint of the
 * route key, not the key) lets an instance tell "another secret" apart from "garbage".
 */
public final class RouteSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final String keyId;

    public RouteSigner(byte[] key) {
        this.key = key.clone();
        this.keyId = fingerprint(key);
    }

    /** A fingerprint of the key: the first 8 bytes of its SHA-256, in hex. */
    public String keyId() {
        return keyId;
    }

    /** The envelope of a signed body. */
    public String sign(ObjectNode body) {
        String text = body.toString();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("b", text);
        envelope.put("s", Base64.getUrlEncoder().withoutPadding().encodeToString(KioskTokens.hmac(key, text)));
        envelope.put("k", keyId);
        return envelope.toString();
    }

    /** An envelope that carries no signature (only for telling a sender that its signature was refused). */
    public String unsigned(ObjectNode body) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("b", body.toString());
        envelope.put("k", keyId);
        return envelope.toString();
    }

    /**
     * Opens an envelope.
     *
     * @return empty for anything that is not an envelope with a JSON body
     */
    public Optional<Opened> open(String envelope) {
        try {
            JsonNode node = JSON.readTree(envelope);
            String text = node.path("b").asText(null);
            if (text == null) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(text);
            if (body == null || !body.isObject()) {
                return Optional.empty();
            }
            String signature = node.path("s").asText(null);
            boolean valid = false;
            if (signature != null) {
                byte[] presented = Base64.getUrlDecoder().decode(signature);
                valid = MessageDigest.isEqual(KioskTokens.hmac(key, text), presented);
            }
            return Optional.of(new Opened(body, valid, node.path("k").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * An opened envelope.
     *
     * @param body   the message
     * @param signed whether it carries a valid signature under our key
     * @param keyId  the key id the sender named
     */
    public record Opened(JsonNode body, boolean signed, String keyId) {
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
