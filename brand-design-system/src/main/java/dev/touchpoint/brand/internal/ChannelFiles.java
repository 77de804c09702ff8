package dev.touchpoint.brand.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-channel files of a template ({@code email.json}, {@code push.json}, {@code kiosk.json}) as written, bound
 * after they passed their schema under {@code schema/brand/}. Each field is the source of a plain-text template; the
 * loader compiles them in the order {@link #templates} gives, which is the order the renderer reads them in.
 */
final class ChannelFiles {

    private ChannelFiles() {
    }

    /** {@code email.json}: the subject and the preheader (the body is {@code email.html.hbs}). */
    record Email(String subject, String preheader) {

        Map<String, String> templates() {
            return ordered("subject", subject, "preheader", preheader);
        }
    }

    /**
     * {@code push.json}: the notification's fields, and extra data fields of the payload.
     *
     * @param data the data fields (FCM data values are strings), or null
     */
    record Push(String title, String body, String deepLink, String image, Map<String, String> data) {

        Push {
            data = data == null ? Map.of() : data;
        }

        Map<String, String> templates() {
            return ordered("title", title, "body", body, "deepLink", deepLink, "image", image);
        }
    }

    /**
     * {@code kiosk.json}: the screen's fields, drawn by {@code layouts/kiosk}.
     *
     * @param illustration the path of a file token shown on the screen, or null
     */
    record Kiosk(String headline, String body, String cta, String offer, String code, String illustration) {

        Map<String, String> templates() {
            return ordered("headline", headline, "body", body, "cta", cta, "offer", offer, "code", code);
        }
    }

    /** Field name to source, in the given order, leaving out absent fields. */
    private static Map<String, String> ordered(String... namesAndSources) {
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            if (namesAndSources[i + 1] != null) {
                result.put(namesAndSources[i], namesAndSources[i + 1]);
            }
        }
        return result;
    }
}
