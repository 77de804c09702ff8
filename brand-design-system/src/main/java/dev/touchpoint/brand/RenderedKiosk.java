package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered kiosk screen.
 *
 * @param html         a self-contained HTML fragment (one {@code <section>} with its own scoped style; colours and
 *                     sizes only through the brand's CSS custom properties, images only as bundled data URIs)
 * @param headline     the screen headline
 * @param body         the body text
 * @param offer        the offer line, if the template has one
 * @param callToAction the call to action
 * @param code         the code to show or scan at the till, if any
 * @param lang         the BCP 47 tag of the messages used, also set as {@code lang} on the fragment
 * @param survey       what the screen asks when it is a survey: the kiosk draws the metric's scale as touch buttons
 *                     (faces for CSAT) under the fragment, which holds the question
 */
public record RenderedKiosk(String html, String headline, String body, Optional<String> offer, String callToAction,
                            Optional<String> code, String lang, Category category, ContentFingerprint fingerprint,
                            List<RuleViolation> warnings, Optional<SurveyMetric> survey) implements RenderedMessage {

    /** A screen that is not a survey. */
    public RenderedKiosk(String html, String headline, String body, Optional<String> offer, String callToAction,
                         Optional<String> code, String lang, Category category, ContentFingerprint fingerprint,
                         List<RuleViolation> warnings) {
        this(html, headline, body, offer, callToAction, code, lang, category, fingerprint, warnings, Optional.empty());
    }

    public RenderedKiosk {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(callToAction, "callToAction");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(survey, "survey");
        warnings = List.copyOf(warnings);
    }

    @Override
    public Channel channel() {
        return Channel.KIOSK;
    }

    /** A standalone HTML page around the fragment, for previews and for kiosks that load a whole page. */
    public String standalonePage() {
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"color-scheme\" content=\"light dark\">\n"
                + "<title>" + escape(fingerprint.templateId() + " · " + lang) + "</title>\n"
                + "<style>html,body{margin:0;padding:0;height:100%;}</style>\n</head>\n<body>\n" + html
                + "\n</body>\n</html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
