package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.brand.internal.html.HtmlTokenizer.Doctype;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.EndTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.StartTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Text;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Token;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for kiosk screens: a self-contained HTML fragment (one root element, no document, no scripts, no links, no
 * network: images only as bundled {@code data:} URIs) whose styles use only the brand's tokens, i.e. every colour and
 * length outside a {@code --tp-*} custom property definition is a {@code var(--tp-...)}.
 */
public final class KioskRules {

    public static final int HEADLINE_WARN_CHARS = 60;
    public static final int BODY_WARN_CHARS = 240;

    private static final Set<String> FORBIDDEN = Set.of("html", "head", "body", "script", "iframe", "object",
            "embed", "applet", "form", "input", "button", "select", "textarea", "link", "base", "meta", "frame",
            "frameset", "audio", "video", "a", "noscript", "template", "canvas");
    private static final Pattern DECLARATION_NAME = Pattern.compile("[a-zA-Z-]+");
    private static final Pattern RAW_COLOR = Pattern.compile("#[0-9a-f]{3,8}\\b|\\b(rgb|rgba|hsl|hsla|hwb|lab|lch"
            + "|oklab|oklch|color)\\(");
    private static final Pattern RAW_LENGTH = Pattern.compile("(?<![\\w-])\\d*\\.?\\d+(px|rem|em|pt|vh|vw|vmin"
            + "|vmax|cm|mm|in)\\b");
    private static final Pattern URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)");

    private KioskRules() {
    }

    public static void check(String html, String headline, String body, Violations violations) {
        if (headline.isBlank()) {
            violations.error("kiosk.headline", "headline", "the headline is empty");
        } else if (headline.codePointCount(0, headline.length()) > HEADLINE_WARN_CHARS) {
            violations.warning("kiosk.headline", "headline", "headline longer than " + HEADLINE_WARN_CHARS
                    + " characters is hard to read from a distance");
        }
        if (body.codePointCount(0, body.length()) > BODY_WARN_CHARS) {
            violations.warning("kiosk.body", "body", "body longer than " + BODY_WARN_CHARS
                    + " characters; people read kiosks standing");
        }
        List<Token> tokens = HtmlChecks.tokens(html, violations, "kiosk", "html");
        if (tokens == null) {
            return;
        }
        HtmlChecks.balanced(tokens, violations, "kiosk", "html");
        HtmlChecks.safe(tokens, FORBIDDEN, violations, "kiosk", "html");
        fragment(tokens, violations);
        boolean inStyle = false;
        for (Token token : tokens) {
            if (token instanceof StartTag tag) {
                if (tag.name().equals("style")) {
                    inStyle = true;
                }
                for (String attribute : List.of("src", "href", "srcset", "poster", "data", "action")) {
                    String value = tag.attribute(attribute);
                    if (value != null && !value.startsWith("data:image/")) {
                        violations.error("kiosk.self-contained", "html", "<" + tag.name() + " " + attribute + "=\""
                                + abbreviate(value) + "\"> loads a resource; use a bundled asset (assetData)");
                    }
                }
                if (tag.name().equals("img") && tag.attribute("alt") == null) {
                    violations.error("kiosk.image-alt", "html", "<img> needs an alt attribute");
                }
                String style = tag.attribute("style");
                if (style != null) {
                    css(style, "style attribute of <" + tag.name() + ">", violations);
                }
            } else if (token instanceof EndTag end && end.name().equals("style")) {
                inStyle = false;
            } else if (token instanceof Text text && inStyle) {
                css(text.raw(), "<style>", violations);
            }
        }
    }

    private static void fragment(List<Token> tokens, Violations violations) {
        int depth = 0;
        int roots = 0;
        for (Token token : tokens) {
            if (token instanceof Doctype) {
                violations.error("kiosk.fragment", "html", "a kiosk screen is a fragment, not a document");
            } else if (token instanceof StartTag tag) {
                if (depth == 0) {
                    roots++;
                }
                if (!tag.selfClosing() && !dev.touchpoint.brand.internal.html.HtmlTokenizer.VOID_ELEMENTS
                        .contains(tag.name())) {
                    depth++;
                }
            } else if (token instanceof EndTag) {
                depth--;
            } else if (token instanceof Text text && depth == 0 && !text.raw().isBlank()) {
                violations.error("kiosk.fragment", "html", "text outside the root element");
            }
        }
        if (roots != 1) {
            violations.error("kiosk.fragment", "html", "a kiosk screen has exactly one root element, found " + roots);
        }
    }

    private static void css(String css, String where, Violations violations) {
        String lower = css.toLowerCase(Locale.ROOT);
        if (lower.contains("url(")) {
            Matcher urls = URL.matcher(lower);
            while (urls.find()) {
                if (!urls.group(1).startsWith("data:image/")) {
                    violations.error("kiosk.self-contained", "html", where + " loads " + abbreviate(urls.group(1)));
                }
            }
        }
        if (lower.contains("@import") || lower.contains("@font-face")) {
            violations.error("kiosk.self-contained", "html", where + " imports style sheets or fonts");
        }
        int start = 0;
        while (start < css.length()) {
            int end = start;
            while (end < css.length() && css.charAt(end) != ';' && css.charAt(end) != '{'
                    && css.charAt(end) != '}') {
                end++;
            }
            String declaration = css.substring(start, end);
            start = end + 1;
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip();
            if (property.startsWith("--") || !DECLARATION_NAME.matcher(property).matches()) {
                // custom property definitions may hold raw values; selectors (a:hover) are not declarations
                continue;
            }
            String value = declaration.substring(colon + 1).toLowerCase(Locale.ROOT);
            if (!mayHoldLiteral(value)) {
                continue;
            }
            if (RAW_COLOR.matcher(value).find()) {
                violations.error("kiosk.tokens-only", "html", where + ": " + property + ":" + value.strip()
                        + " uses a raw colour; use var(--tp-color-...)");
            }
            if (RAW_LENGTH.matcher(value).find()) {
                violations.error("kiosk.tokens-only", "html", where + ": " + property + ":" + value.strip()
                        + " uses a raw length; use a spacing, radius or size token");
            }
        }
    }

    /**
     * Cheap pre-check: outside {@code var(...)} references, does the value contain anything a raw colour or length
     * needs (a digit, {@code #} or a function call)? Most declarations of a token-only screen do not.
     */
    private static boolean mayHoldLiteral(String value) {
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("var(", i)) {
                int close = value.indexOf(')', i);
                if (close < 0 || value.indexOf(',', i) >= 0 && value.indexOf(',', i) < close) {
                    return true; // unbalanced, or a fallback value that may be raw: check it all
                }
                i = close + 1;
                continue;
            }
            char c = value.charAt(i);
            if (c == '#' || c == '(' || (c >= '0' && c <= '9')) {
                return true;
            }
            i++;
        }
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() > 48 ? value.substring(0, 48) + "..." : value;
    }
}
