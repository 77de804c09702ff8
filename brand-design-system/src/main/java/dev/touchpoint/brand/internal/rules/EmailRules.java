package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.brand.internal.html.HtmlTokenizer.Doctype;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.EndTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.StartTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Text;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Token;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rules for email that survives common clients (Gmail, Outlook, Apple Mail): a complete HTML document with a
 * {@code lang}, table layout, CSS inlined on the elements (classes only as dark-mode hooks next to an inline style),
 * no scripts or forms, absolute https images with alt text, a subject, a preheader, a plain-text alternative, and for
 * marketing mail a working unsubscribe link and the postal address in both HTML and text.
 */
public final class EmailRules {

    /** Gmail clips messages whose HTML is larger than 102 KB. */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;
    public static final int SUBJECT_WARN_CHARS = 78;
    public static final int PREHEADER_WARN_CHARS = 140;

    private static final Set<String> FORBIDDEN = Set.of("script", "iframe", "object", "embed", "applet", "form",
            "input", "button", "select", "textarea", "link", "base", "frame", "frameset", "audio", "video", "svg",
            "noscript", "canvas");

    private EmailRules() {
    }

    /** The content an email rule check looks at. */
    /**
     * @param ownLinks links the workers issued for this message (survey answer links): allowed whatever their scheme,
     *                 since they carry Touchpoint's own configured address (http on a development machine)
     */
    public record Email(String subject, String preheader, String html, String text, boolean marketing,
                        String unsubscribeUrl, String postalAddress, java.util.Set<String> ownLinks) {

        public Email(String subject, String preheader, String html, String text, boolean marketing,
                     String unsubscribeUrl, String postalAddress) {
            this(subject, preheader, html, text, marketing, unsubscribeUrl, postalAddress, java.util.Set.of());
        }

        public Email {
            ownLinks = ownLinks == null ? java.util.Set.of() : java.util.Set.copyOf(ownLinks);
        }
    }

    public static void check(Email email, Violations violations) {
        List<Token> tokens = HtmlChecks.tokens(email.html(), violations, "email", "html");
        check(email, tokens, violations);
    }

    /**
     * Checks an email whose HTML was already tokenized ({@code null} when it could not be, which
     * {@link HtmlChecks#tokens} has reported).
     */
    public static void check(Email email, List<Token> tokens, Violations violations) {
        subject(email, violations);
        preheader(email, violations);
        if (email.text().isBlank()) {
            violations.error("email.text-alternative", "text", "the plain-text alternative is empty");
        }
        if (tokens == null) {
            return;
        }
        HtmlChecks.balanced(tokens, violations, "email", "html");
        HtmlChecks.safe(tokens, FORBIDDEN, violations, "email", "html");
        document(tokens, violations);
        elements(tokens, email.ownLinks(), violations);
        long bytes = utf8Length(email.html());
        if (bytes > GMAIL_CLIP_BYTES) {
            violations.warning("email.size", "html", "HTML is " + bytes + " bytes; Gmail clips messages over "
                    + GMAIL_CLIP_BYTES + " bytes and hides the footer");
        }
        if (email.marketing()) {
            marketing(email, tokens, violations);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static void subject(Email email, Violations violations) {
        String subject = email.subject();
        if (subject.isBlank()) {
            violations.error("email.subject", "subject", "the subject is empty");
        } else if (subject.codePointCount(0, subject.length()) > SUBJECT_WARN_CHARS) {
            violations.warning("email.subject", "subject", "the subject has "
                    + subject.codePointCount(0, subject.length()) + " characters; inboxes show about 40-60 and "
                    + SUBJECT_WARN_CHARS + " is the most we recommend");
        }
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            violations.error("email.subject", "subject", "the subject must be one line");
        }
    }

    private static void preheader(Email email, Violations violations) {
        String preheader = email.preheader();
        if (preheader.isBlank()) {
            violations.error("email.preheader", "preheader", "the preheader is empty; inboxes would show the"
                    + " first text of the body instead");
        } else if (preheader.codePointCount(0, preheader.length()) > PREHEADER_WARN_CHARS) {
            violations.warning("email.preheader", "preheader", "the preheader has more than "
                    + PREHEADER_WARN_CHARS + " characters; inboxes cut it");
        }
        if (!preheader.isBlank() && !email.html().contains(escapeForSearch(preheader))) {
            violations.error("email.preheader", "html", "the HTML does not contain the preheader (the layout"
                    + " must render {{touchpoint.preheader}} hidden at the top of the body)");
        }
    }

    private static String escapeForSearch(String text) {
        String first = text.length() > 24 ? text.substring(0, 24) : text;
        return dev.touchpoint.brand.internal.html.HtmlEntities.escape(first);
    }

    private static void document(List<Token> tokens, Violations violations) {
        Token first = tokens.stream().filter(t -> !(t instanceof Text text) || !text.raw().isBlank()).findFirst()
                .orElse(null);
        if (!(first instanceof Doctype doctype) || !doctype.content().equalsIgnoreCase("doctype html")) {
            violations.error("email.doctype", "html", "the document must start with <!DOCTYPE html>");
        }
        StartTag html = firstTag(tokens, "html");
        if (html == null || html.attribute("lang") == null || html.attribute("lang").isBlank()) {
            violations.error("email.lang", "html", "<html> needs a lang attribute for screen readers and clients");
        }
        StartTag meta = tokens.stream().filter(t -> t instanceof StartTag s && s.name().equals("meta")
                && s.attribute("charset") != null).map(t -> (StartTag) t).findFirst().orElse(null);
        if (meta == null || !meta.attribute("charset").equalsIgnoreCase("utf-8")) {
            violations.error("email.charset", "html", "the head needs <meta charset=\"utf-8\">");
        }
        boolean presentationTable = tokens.stream().anyMatch(t -> t instanceof StartTag s && s.name().equals("table")
                && "presentation".equals(s.attribute("role")));
        if (!presentationTable) {
            violations.error("email.table-layout", "html", "lay out email with <table role=\"presentation\">;"
                    + " Outlook does not support CSS layout");
        }
    }

    private static StartTag firstTag(List<Token> tokens, String name) {
        return tokens.stream().filter(t -> t instanceof StartTag s && s.name().equals(name)).map(t -> (StartTag) t)
                .findFirst().orElse(null);
    }

    private static void elements(List<Token> tokens, java.util.Set<String> ownLinks, Violations violations) {
        boolean inHead = false;
        boolean inStyle = false;
        for (Token token : tokens) {
            if (token instanceof StartTag tag) {
                switch (tag.name()) {
                    case "head" -> inHead = true;
                    case "style" -> {
                        inStyle = true;
                        if (!inHead) {
                            violations.error("email.inline-css", "html", "<style> outside <head> is stripped by"
                                    + " Gmail (offset " + tag.offset() + ")");
                        }
                    }
                    case "img" -> image(tag, violations);
                    case "a" -> link(tag, ownLinks, violations);
                    default -> {
                    }
                }
                String style = tag.attribute("style");
                if (tag.attribute("class") != null && style == null && !inHead
                        && !tag.name().equals("html")) {
                    violations.error("email.inline-css", "html", "<" + tag.name() + " class=\""
                            + tag.attribute("class") + "\"> has no inline style; classes are only dark-mode hooks"
                            + " (offset " + tag.offset() + ")");
                }
                if (style != null && mayHaveLayoutCss(style) && layoutCss(style)) {
                    violations.warning("email.layout-css", "html", "<" + tag.name() + "> uses CSS layout ("
                            + style + ") that Outlook ignores (offset " + tag.offset() + ")");
                }
                if (style != null && loadsUrl(style)) {
                    violations.error("email.external-css", "html", "background images in styles are not"
                            + " supported by Outlook and are not allowed (offset " + tag.offset() + ")");
                }
            } else if (token instanceof EndTag end) {
                if (end.name().equals("head")) {
                    inHead = false;
                } else if (end.name().equals("style")) {
                    inStyle = false;
                }
            } else if (token instanceof Text text && inStyle) {
                String css = text.raw().toLowerCase(Locale.ROOT);
                if (css.contains("@import") || css.contains("url(")) {
                    violations.error("email.external-css", "html", "style sheets must not import or load"
                            + " anything");
                }
            }
        }
    }

    /**
     * Whether the style uses CSS layout Outlook ignores: what the regular expression
     * {@code (?i)display\s*:\s*(flex|grid|inline-flex)|position\s*:\s*(absolute|fixed|sticky)|float\s*:} finds
     * (ASCII case ignored, whitespace around the colon), without it: the expression tried every offset of every
     * styled element's style and was the largest rule cost of an email; this looks only at the colons.
     * {@code EmailRulesScanTest} checks that both agree.
     */
    static boolean layoutCss(String style) {
        for (int colon = style.indexOf(':'); colon >= 0; colon = style.indexOf(':', colon + 1)) {
            int before = colon - 1;
            while (before >= 0 && isRegexSpace(style.charAt(before))) {
                before--;
            }
            int after = colon + 1;
            while (after < style.length() && isRegexSpace(style.charAt(after))) {
                after++;
            }
            if (endsWithIgnoreAsciiCase(style, before + 1, "float")) {
                return true;
            }
            if (endsWithIgnoreAsciiCase(style, before + 1, "display") && (startsWithIgnoreAsciiCase(style, after, "flex")
                    || startsWithIgnoreAsciiCase(style, after, "grid") || startsWithIgnoreAsciiCase(style, after, "inline-flex"))) {
                return true;
            }
            if (endsWithIgnoreAsciiCase(style, before + 1, "position") && (startsWithIgnoreAsciiCase(style, after, "absolute")
                    || startsWithIgnoreAsciiCase(style, after, "fixed") || startsWithIgnoreAsciiCase(style, after, "sticky"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code \s} of {@link java.util.regex.Pattern} without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean endsWithIgnoreAsciiCase(String text, int end, String word) {
        int start = end - word.length();
        return start >= 0 && regionEqualsIgnoreAsciiCase(text, start, word);
    }

    private static boolean startsWithIgnoreAsciiCase(String text, int start, String word) {
        return start + word.length() <= text.length() && regionEqualsIgnoreAsciiCase(text, start, word);
    }

    /** Case-insensitive for ASCII letters only, like a {@code (?i)} pattern without UNICODE_CASE. */
    private static boolean regionEqualsIgnoreAsciiCase(String text, int start, String lowerWord) {
        for (int i = 0; i < lowerWord.length(); i++) {
            char c = text.charAt(start + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lowerWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code style.toLowerCase(Locale.ROOT).contains("url(")}, without the copy for ASCII styles. */
    static boolean loadsUrl(String style) {
        for (int i = 0; i < style.length(); i++) {
            if (style.charAt(i) >= 0x80) {
                return style.toLowerCase(Locale.ROOT).contains("url(");
            }
        }
        for (int paren = style.indexOf('('); paren >= 0; paren = style.indexOf('(', paren + 1)) {
            if (endsWithIgnoreAsciiCase(style, paren, "url")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHaveLayoutCss(String style) {
        return style.contains("display") || style.contains("position") || style.contains("float");
    }

    private static void image(StartTag tag, Violations violations) {
        String src = tag.attribute("src");
        if (src == null || !src.startsWith("https://")) {
            violations.error("email.image-url", "html", "<img src=\"" + src + "\"> must be an absolute https URL"
                    + " (offset " + tag.offset() + ")");
        }
        if (tag.attribute("alt") == null) {
            violations.error("email.image-alt", "html", "<img src=\"" + src + "\"> needs an alt attribute"
                    + " (offset " + tag.offset() + ")");
        }
        if (tag.attribute("width") == null) {
            violations.warning("email.image-size", "html", "<img src=\"" + src + "\"> has no width attribute;"
                    + " Outlook shows it at its natural size (offset " + tag.offset() + ")");
        }
    }

    private static void link(StartTag tag, java.util.Set<String> ownLinks, Violations violations) {
        String href = tag.attribute("href");
        if (href == null || href.isBlank()) {
            violations.error("email.link-url", "html", "<a> without href (offset " + tag.offset() + ")");
            return;
        }
        if (ownLinks.contains(href)) {
            return;
        }
        String lower = href.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("mailto:") && !lower.startsWith("tel:")) {
            violations.error("email.link-url", "html", "link " + href + " must be https, mailto or tel"
                    + " (offset " + tag.offset() + ")");
        }
    }

    private static void marketing(Email email, List<Token> tokens, Violations violations) {
        String url = email.unsubscribeUrl();
        boolean linked = url != null && tokens.stream().anyMatch(t -> t instanceof StartTag s
                && s.name().equals("a") && url.equals(s.attribute("href")));
        if (!linked) {
            violations.error("email.unsubscribe", "html", "marketing email must link to its unsubscribe URL");
        }
        if (url != null && !email.text().contains(url)) {
            violations.error("email.unsubscribe", "text", "the plain-text alternative must contain the"
                    + " unsubscribe URL");
        }
        String address = email.postalAddress();
        if (address != null && !address.isBlank()) {
            String firstLine = address.lines().findFirst().orElse(address).strip();
            boolean inHtml = tokens.stream().anyMatch(t -> t instanceof Text text
                    && text.decoded().contains(firstLine));
            if (!inHtml) {
                violations.error("email.postal-address", "html", "marketing email must show the brand's postal"
                        + " address");
            }
            if (!email.text().contains(firstLine)) {
                violations.error("email.postal-address", "text", "the plain-text alternative must show the"
                        + " brand's postal address");
            }
        }
    }
}
