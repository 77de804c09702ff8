package dev.touchpoint.channel.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does for a form-encoded webhook: HMAC-SHA1 with the auth token
 * over the full URL followed by every POST parameter name and value, sorted by name, Base64-encoded. The sandbox
 * signs its callbacks with it; verification uses Twilio's own {@code RequestValidator}.
 */
public final class TwilioSignature {

    /** The header Twilio signs webhooks with. */
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, String> postParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParams).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
