package dev.touchpoint.channel;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A screen for an in-store kiosk as rendered by the brand design system. The recipient of its message is a
 * {@link KioskTarget}: one kiosk, or "the kiosk nearest the customer" in a store.
 *
 * <p>The kiosk page shows {@code html} in a sandboxed frame (no scripts, no forms, no navigation) and draws the
 * action buttons itself, labelled from {@code callToAction} and its own translations for {@code lang}; it reports
 * display within {@code ackTimeout} and every customer action as a {@link KioskEvent}.
 *
 * @param html          the screen's HTML fragment, already escaped and styled with the brand tokens (the brand design
 *                      system's {@code RenderedKiosk.html}); at most {@value #MAX_HTML_LENGTH} characters
 * @param text          a plain-text version for screen readers
 * @param displayFor    how long the kiosk shows the screen before returning to its idle screen
 * @param headline      the screen's headline (the frame's accessible name), {@code null} to use {@code text}
 * @param offer         the offer line, if the screen has one
 * @param callToAction  the label of the accept button; required when {@link KioskAction#ACCEPT_OFFER} is offered
 * @param lang          BCP 47 language of the screen (the page's own labels follow it), {@code null} for {@code en}
 * @param actions       the buttons the page offers; never empty ({@link KioskAction#DISMISS} when not given)
 * @param ackTimeout    how long to wait for the kiosk to confirm display, at most {@link #MAX_ACK_TIMEOUT};
 *                      {@code null} for the adapter's configured default
 * @param survey        the answer scale of a survey screen ({@link KioskAction#ANSWER} needs it), {@code null} for
 *                      other screens
 */
public record KioskContent(String html, String text, Duration displayFor, String headline, String offer,
                           String callToAction, String lang, Set<KioskAction> actions, Duration ackTimeout,
                           KioskSurvey survey)
        implements RenderedContent {

    /** Largest fragment accepted (images are inlined as data URIs). */
    public static final int MAX_HTML_LENGTH = 512 * 1024;
    /** Longest a screen may stay up. */
    public static final Duration MAX_DISPLAY_FOR = Duration.ofMinutes(10);
    /** Longest wait for a display acknowledgement. */
    public static final Duration MAX_ACK_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern LANG = Pattern.compile("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");

    public KioskContent {
        Require.notBlank(html, "html");
        Require.notBlank(text, "text");
        Require.notNull(displayFor, "displayFor");
        if (html.length() > MAX_HTML_LENGTH) {
            throw new IllegalArgumentException("a kiosk screen has at most " + MAX_HTML_LENGTH + " characters of HTML");
        }
        if (displayFor.isNegative() || displayFor.isZero()) {
            throw new IllegalArgumentException("displayFor must be positive");
        }
        if (displayFor.compareTo(MAX_DISPLAY_FOR) > 0) {
            throw new IllegalArgumentException("displayFor must be at most " + MAX_DISPLAY_FOR);
        }
        headline = Require.nullIfBlank(headline);
        offer = Require.nullIfBlank(offer);
        callToAction = Require.nullIfBlank(callToAction);
        lang = Require.nullIfBlank(lang);
        if (lang != null && !LANG.matcher(lang).matches()) {
            throw new IllegalArgumentException("lang must be a BCP 47 language tag such as en or zh-Hant");
        }
        actions = actions == null || actions.isEmpty() ? Set.of(KioskAction.DISMISS)
                : Set.copyOf(EnumSet.copyOf(actions));
        if (actions.contains(KioskAction.ACCEPT_OFFER) && callToAction == null) {
            throw new IllegalArgumentException("ACCEPT_OFFER needs a callToAction label");
        }
        if (actions.contains(KioskAction.ANSWER) != (survey != null)) {
            throw new IllegalArgumentException("ANSWER is offered exactly on a survey screen (with its scale)");
        }
        if (ackTimeout != null && (ackTimeout.isNegative() || ackTimeout.isZero()
                || ackTimeout.compareTo(MAX_ACK_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("ackTimeout must be positive and at most " + MAX_ACK_TIMEOUT);
        }
    }

    /** A screen that is not a survey. */
    public KioskContent(String html, String text, Duration displayFor, String headline, String offer,
                        String callToAction, String lang, Set<KioskAction> actions, Duration ackTimeout) {
        this(html, text, displayFor, headline, offer, callToAction, lang, actions, ackTimeout, null);
    }

    /** A screen with only a dismiss button, the page's English labels and the adapter's default ack timeout. */
    public KioskContent(String html, String text, Duration displayFor) {
        this(html, text, displayFor, null, null, null, null, Set.of(KioskAction.DISMISS), null);
    }

    @Override
    public Channel channel() {
        return Channel.KIOSK;
    }

    /** Leaves the text out: it may greet the customer by name. */
    @Override
    public String toString() {
        return "KioskContent[displayFor=" + displayFor + ", lang=" + lang + ", actions=" + actions + ", ackTimeout="
                + ackTimeout + ", survey=" + survey + ", htmlLength=" + html.length() + "]";
    }
}
