package dev.touchpoint.channel.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded FCM payloads under {@code src/test/resources/fcm/}, for unit tests. */
final class FcmPayloads {

    private FcmPayloads() {
    }

    static String unregistered() {
        return read("error-unregistered.json");
    }

    static String thirdPartyAuth() {
        return read("error-third-party-auth.json");
    }

    static String read(String file) {
        try (InputStream in = FcmPayloads.class.getResourceAsStream("/fcm/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
