package dev.touchpoint.brand;

import java.util.Objects;

/**
 * A web page rendered by the brand design system: the survey page and its thank-you states.
 *
 * @param html  a whole HTML document (escaped; inline styles from the brand's tokens; no scripts)
 * @param title the document title
 * @param lang  the BCP 47 tag of the messages used
 */
public record RenderedPage(String html, String title, String lang) {

    public RenderedPage {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(lang, "lang");
    }
}
