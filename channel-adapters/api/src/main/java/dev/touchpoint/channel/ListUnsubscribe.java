package dev.touchpoint.channel;

import java.net.URI;
import java.util.Locale;

/**
 * Where a recipient unsubscribes from marketing mail, rendered into {@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 2369, RFC 8058). The brand design system renders it
 * into a marketing email; the email adapter writes it into the message's headers.
 *
 * @param oneClick an {@code https} URI that unsubscribes on a POST without further interaction (RFC 8058 section 3.1)
 *                 and shows the preference page on a GET
 * @param mailto   an optional {@code mailto:} URI for clients that do not support one-click; {@code null} if none
 */
public record ListUnsubscribe(URI oneClick, URI mailto) {

    /** The value of the RFC 8058 {@code List-Unsubscribe-Post} header. */
    public static final String ONE_CLICK_POST = "List-Unsubscribe=One-Click";

    public ListUnsubscribe {
        Require.notNull(oneClick, "oneClick");
        if (!"https".equals(scheme(oneClick)) || oneClick.getHost() == null) {
            throw new IllegalArgumentException("the one-click unsubscribe URI must be an absolute https URI");
        }
        if (mailto != null && !"mailto".equals(scheme(mailto))) {
            throw new IllegalArgumentException("the unsubscribe mailto URI must use the mailto scheme");
        }
        rejectHeaderBreaks(oneClick);
        rejectHeaderBreaks(mailto);
    }

    /** Only the one-click https URI. */
    public static ListUnsubscribe oneClick(URI https) {
        return new ListUnsubscribe(https, null);
    }

    /** The value of the {@code List-Unsubscribe} header: {@code <https://...>} and, when there is one, {@code , <mailto:...>}. */
    public String headerValue() {
        return "<" + oneClick.toASCIIString() + ">" + (mailto == null ? "" : ", <" + mailto.toASCIIString() + ">");
    }

    /** The value of the RFC 8058 {@code List-Unsubscribe-Post} header. */
    public String postHeaderValue() {
        return ONE_CLICK_POST;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static void rejectHeaderBreaks(URI uri) {
        if (uri != null) {
            String text = uri.toString();
            if (text.indexOf('>') >= 0 || text.indexOf('<') >= 0 || text.indexOf(',') >= 0
                    || text.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException(
                        "an unsubscribe URI must be ASCII without spaces, commas or angle brackets");
            }
        }
    }
}
