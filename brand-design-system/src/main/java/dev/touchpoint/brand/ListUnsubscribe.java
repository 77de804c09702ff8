package dev.touchpoint.brand;

import java.net.URI;
import java.util.Objects;

/**
 * The unsubscribe data a marketing email hands to the email adapter (RFC 2369 {@code List-Unsubscribe} and RFC 8058
 * one-click {@code List-Unsubscribe-Post}).
 *
 * @param https  the https URL that unsubscribes with a POST (one-click) or shows the preference page (GET)
 * @param mailto the mailto URL that unsubscribes by mail
 */
public record ListUnsubscribe(URI https, URI mailto) {

    public ListUnsubscribe {
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(mailto, "mailto");
        if (!"https".equalsIgnoreCase(https.getScheme())) {
            throw new IllegalArgumentException("List-Unsubscribe URL must be https: " + https);
        }
        if (!"mailto".equalsIgnoreCase(mailto.getScheme())) {
            throw new IllegalArgumentException("List-Unsubscribe mail address must be a mailto URI: " + mailto);
        }
    }

    /** The value of the {@code List-Unsubscribe} header: {@code <https://...>, <mailto:...>}. */
    public String headerValue() {
        return "<" + https.toASCIIString() + ">, <" + mailto.toASCIIString() + ">";
    }

    /** The value of the RFC 8058 {@code List-Unsubscribe-Post} header. */
    public String postHeaderValue() {
        return "List-Unsubscribe=One-Click";
    }
}
