package dev.touchpoint.brand.internal.rules;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Rules for push notifications: title and body present and within what lock screens show, a deep link into the app
 * (the brand's app scheme) or to https, an https image, and a payload within the 4 KB that APNs and FCM accept.
 */
public final class PushRules {

    /** APNs and FCM both reject notification payloads over 4096 bytes. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    public static final int TITLE_MAX_CHARS = 65;
    public static final int TITLE_WARN_CHARS = 40;
    public static final int BODY_MAX_CHARS = 240;
    /** iOS shows about four lines (178 characters) on the lock screen. */
    public static final int BODY_WARN_CHARS = 178;

    private PushRules() {
    }

    public static void check(String title, String body, String deepLink, String imageUrl, int payloadBytes,
                             Set<String> allowedSchemes, Violations violations) {
        check(title, body, deepLink, imageUrl, payloadBytes, allowedSchemes, Set.of(), violations);
    }

    /** @param ownLinks links the workers issued (a survey page): allowed as a deep link whatever their scheme */
    public static void check(String title, String body, String deepLink, String imageUrl, int payloadBytes,
                             Set<String> allowedSchemes, Set<String> ownLinks, Violations violations) {
        length(title, "title", TITLE_MAX_CHARS, TITLE_WARN_CHARS, violations);
        length(body, "body", BODY_MAX_CHARS, BODY_WARN_CHARS, violations);
        if (title.indexOf('\n') >= 0) {
            violations.error("push.title", "title", "the title must be one line");
        }
        try {
            URI link = new URI(deepLink);
            String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
            if (!allowedSchemes.contains(scheme) && !ownLinks.contains(deepLink)) {
                violations.error("push.deep-link", "deepLink", "deep link " + deepLink + " must use one of "
                        + allowedSchemes);
            }
        } catch (java.net.URISyntaxException e) {
            violations.error("push.deep-link", "deepLink", "deep link is not a valid URI: " + e.getReason());
        }
        if (imageUrl != null && !imageUrl.startsWith("https://")) {
            violations.error("push.image", "imageUrl", "push images must be https URLs");
        }
        if (payloadBytes > MAX_PAYLOAD_BYTES) {
            violations.error("push.payload-size", "payload", "the payload is " + payloadBytes
                    + " bytes; APNs and FCM accept at most " + MAX_PAYLOAD_BYTES);
        }
    }

    private static void length(String text, String field, int max, int warn, Violations violations) {
        int chars = text.codePointCount(0, text.length());
        if (text.isBlank()) {
            violations.error("push." + field, field, "the " + field + " is empty");
        } else if (chars > max) {
            violations.error("push." + field + "-length", field, "the " + field + " has " + chars
                    + " characters; the limit is " + max);
        } else if (chars > warn) {
            violations.warning("push." + field + "-length", field, "the " + field + " has " + chars
                    + " characters; lock screens show about " + warn);
        }
    }
}
