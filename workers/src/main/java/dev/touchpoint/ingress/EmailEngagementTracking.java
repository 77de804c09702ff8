package dev.touchpoint.ingress;

import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.RenderedContent;
import dev.touchpoint.delivery.EngagementTracking;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email engagement tracking: every {@code http(s)} link of a rendered email's {@code <a href>} becomes a signed click
 * link ({@code /t/c/<token>}, redirecting to exactly that URL) and an open pixel ({@code /t/o/<token>.gif}) goes in
 * before {@code </body>}. The same URLs in the plain-text part are rewritten too, so both alternatives count clicks.
 *
 * <p>Only what the template rendered is signed, so the redirect endpoint can never be used as an open redirect.
 * Left alone: the unsubscribe link (it must work without Touchpoint's tracking host and is already signed),
 * {@code mailto:}/{@code tel:}/relative links, links to Touchpoint itself, and links marked
 * {@code data-track="off"} by the template author. A link that cannot be tracked (not a URL) is left as rendered:
 * tracking never stops a message.
 */
public final class EmailEngagementTracking implements EngagementTracking {

    private static final Pattern ANCHOR = Pattern.compile("<a\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile("(\\bhref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_TRACK = Pattern.compile("\\bdata-track\\s*=\\s*[\"']?off\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>()\"']+");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);");

    private final TrackingLinks links;
    private final String publicBaseUrl;
    private final boolean opens;
    private final boolean clicks;

    /**
     * @param publicBaseUrl where customers reach Touchpoint's {@code /t/**} endpoints, e.g. {@code https://t.example.com}
     * @param opens         add the open pixel
     * @param clicks        rewrite links into click links
     */
    public EmailEngagementTracking(TrackingLinks links, String publicBaseUrl, boolean opens, boolean clicks) {
        URI base = URI.create(publicBaseUrl);
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("touchpoint.ingress.tracking.public-base-url must be an absolute http(s) URL,"
                    + " e.g. https://t.example.com; got '" + publicBaseUrl + "'");
        }
        this.links = links;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.opens = opens;
        this.clicks = clicks;
    }

    @Override
    public RenderedContent track(RenderedContent content, String customerId, String touchpointKey) {
        if (!(content instanceof EmailContent email) || email.html() == null || !(opens || clicks)) {
            return content;
        }
        String unsubscribe = email.listUnsubscribe() == null ? null : email.listUnsubscribe().oneClick().toString();
        Map<String, String> tracked = new HashMap<>();
        String html = clicks ? rewriteAnchors(email.html(), customerId, touchpointKey, unsubscribe, tracked) : email.html();
        String text = tracked.isEmpty() ? email.text() : rewriteText(email.text(), tracked);
        if (opens) {
            html = withPixel(html, publicBaseUrl + links.openPixelPath(customerId, touchpointKey));
        }
        return new EmailContent(email.subject(), email.preheader(), html, text, email.fromName(), email.fromAddress(),
                email.replyTo(), email.listUnsubscribe(), email.category());
    }

    private String rewriteAnchors(String html, String customerId, String key, String unsubscribe, Map<String, String> tracked) {
        Matcher anchor = ANCHOR.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
        while (anchor.find()) {
            String tag = anchor.group();
            Matcher href = HREF.matcher(tag);
            String replacement = tag;
            if (href.find() && !NO_TRACK.matcher(tag).find()) {
                String raw = href.group(3) != null ? href.group(3) : href.group(4);
                String url = decodeEntities(raw.strip());
                if (trackable(url, unsubscribe)) {
                    String trackedUrl = tracked.computeIfAbsent(url, u -> publicBaseUrl + links.clickPath(customerId, key, u));
                    replacement = tag.substring(0, href.start()) + href.group(1) + '"' + trackedUrl + '"' + tag.substring(href.end());
                }
            }
            anchor.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        anchor.appendTail(out);
        return out.toString();
    }

    private boolean trackable(String url, String unsubscribe) {
        if (url.equals(unsubscribe) || url.startsWith(publicBaseUrl + "/")) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException notAUrl) {
            return false;
        }
    }

    /** The text part names links as plain URLs ("Shop now (https://...)"): the same URLs become the same click links. */
    private static String rewriteText(String text, Map<String, String> tracked) {
        Matcher url = TEXT_URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 512);
        while (url.find()) {
            String found = url.group();
            int end = found.length();
            while (end > 0 && ".,;:!?".indexOf(found.charAt(end - 1)) >= 0) {
                end--; // sentence punctuation after a URL is not part of it
            }
            String candidate = found.substring(0, end);
            String replacement = tracked.containsKey(candidate) ? tracked.get(candidate) + found.substring(end) : found;
            url.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        url.appendTail(out);
        return out.toString();
    }

    private static String withPixel(String html, String pixelUrl) {
        String pixel = "<img src=\"" + pixelUrl + "\" width=\"1\" height=\"1\" alt=\"\""
                + " style=\"display:block;width:1px;height:1px;border:0;\">";
        Matcher end = BODY_END.matcher(html);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        return at < 0 ? html + pixel : html.substring(0, at) + pixel + html.substring(at);
    }

    /** HTML character references as the renderer escapes attribute values ({@code &amp;}, {@code &#x3D;}, ...). */
    static String decodeEntities(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        Matcher entity = ENTITY.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (entity.find()) {
            String name = entity.group(1);
            String decoded = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int codePoint = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : entity.group();
                }
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        entity.appendTail(out);
        return out.toString();
    }
}
