package dev.touchpoint.brand.internal.html;

import dev.touchpoint.brand.internal.html.HtmlTokenizer.EndTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.StartTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Text;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Token;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Generates the plain-text alternative of an email from its HTML: block elements become lines, table cells are
 * separated by two spaces, links keep their target ({@code label (https://...)}), hidden elements (the preheader,
 * {@code display:none}), images, the head and style sheets are dropped.
 */
public final class HtmlToText {

    private static final Set<String> BLOCK = Set.of("p", "div", "section", "article", "header", "footer", "table",
            "tbody", "thead", "tr", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "center",
            "address", "main");
    private static final Set<String> PARAGRAPH = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table",
            "blockquote", "ul", "ol", "address");
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "template");

    private HtmlToText() {
    }

    public static String convert(String html) {
        return convert(HtmlTokenizer.tokenize(html));
    }

    /** Converts already tokenized HTML. */
    public static String convert(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        Deque<String> hidden = new ArrayDeque<>();
        Deque<LinkState> links = new ArrayDeque<>();
        boolean cellOpen = false;
        for (Token token : tokens) {
            if (token instanceof StartTag tag) {
                if (!hidden.isEmpty()) {
                    if (!HtmlTokenizer.VOID_ELEMENTS.contains(tag.name()) && !tag.selfClosing()) {
                        hidden.push(tag.name());
                    }
                    continue;
                }
                if (SKIPPED.contains(tag.name()) || isHidden(tag)) {
                    if (!HtmlTokenizer.VOID_ELEMENTS.contains(tag.name()) && !tag.selfClosing()) {
                        hidden.push(tag.name());
                    }
                    continue;
                }
                switch (tag.name()) {
                    case "br" -> out.append('\n');
                    case "hr" -> out.append("\n----------------------------------------\n");
                    case "td", "th" -> {
                        if (cellOpen && !endsWithBreak(out)) {
                            out.append("  ");
                        }
                        cellOpen = true;
                    }
                    case "li" -> out.append("\n- ");
                    case "a" -> links.push(new LinkState(tag.attribute("href"), out.length()));
                    default -> {
                        if (BLOCK.contains(tag.name())) {
                            newline(out, PARAGRAPH.contains(tag.name()));
                        }
                    }
                }
                if (tag.name().equals("tr")) {
                    cellOpen = false;
                }
            } else if (token instanceof EndTag end) {
                if (!hidden.isEmpty()) {
                    if (hidden.peek().equals(end.name())) {
                        hidden.pop();
                    }
                    continue;
                }
                if (end.name().equals("a") && !links.isEmpty()) {
                    LinkState link = links.pop();
                    String label = out.substring(link.start()).strip();
                    if (!label.isEmpty() && link.href() != null && !link.href().isBlank()
                            && !label.equals(link.href()) && !link.href().startsWith("mailto:")
                            && !link.href().startsWith("tel:")) {
                        out.append(" (").append(link.href()).append(')');
                    }
                } else if (end.name().equals("tr")) {
                    cellOpen = false;
                    newline(out, false);
                } else if (BLOCK.contains(end.name())) {
                    newline(out, PARAGRAPH.contains(end.name()));
                }
            } else if (token instanceof Text text && hidden.isEmpty()) {
                appendCollapsed(out, text.decoded());
            }
        }
        return tidy(out.toString());
    }

    /**
     * Appends text with HTML whitespace collapsed to single spaces, no-break spaces as spaces, and invisible filler
     * characters (zero-width space and non-joiner, soft hyphen, combining grapheme joiner) removed.
     */
    private static void appendCollapsed(StringBuilder out, String text) {
        boolean space = out.isEmpty() || endsWithBreak(out) || out.charAt(out.length() - 1) == ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u200B' || c == '\u200C' || c == '\u00AD' || c == '\u034F') {
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u00A0') {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            out.append(c);
            space = false;
        }
    }

    private record LinkState(String href, int start) {
    }

    private static boolean isHidden(StartTag tag) {
        String style = tag.attribute("style");
        if (style != null && hidesDisplay(style)) {
            return true;
        }
        return "true".equals(tag.attribute("aria-hidden")) || tag.name().equals("img");
    }

    /**
     * True when the style, lower-cased and without spaces, contains {@code display:none}. Every styled element of an
     * email asks this, so ASCII styles (all our layouts print) are scanned in place instead of copied twice; a style
     * with other characters takes the literal definition (full Unicode lower-casing).
     */
    static boolean hidesDisplay(String style) {
        for (int i = 0; i < style.length(); i++) {
            if (style.charAt(i) >= 0x80) {
                return style.toLowerCase(Locale.ROOT).replace(" ", "").contains("display:none");
            }
        }
        for (int start = style.indexOf(':'); start >= 0; start = style.indexOf(':', start + 1)) {
            if (spacedMatchBefore(style, start, "display") && spacedMatchAfter(style, start, "none")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} ends right before {@code colon}, ignoring ASCII case and spaces in between. */
    private static boolean spacedMatchBefore(String text, int colon, String word) {
        int i = colon - 1;
        for (int w = word.length() - 1; w >= 0; w--) {
            while (i >= 0 && text.charAt(i) == ' ') {
                i--;
            }
            if (i < 0 || lowerAscii(text.charAt(i)) != word.charAt(w)) {
                return false;
            }
            i--;
        }
        return true;
    }

    /** Whether {@code word} starts right after {@code colon}, ignoring ASCII case and spaces in between. */
    private static boolean spacedMatchAfter(String text, int colon, String word) {
        int i = colon + 1;
        for (int w = 0; w < word.length(); w++) {
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= text.length() || lowerAscii(text.charAt(i)) != word.charAt(w)) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static boolean endsWithBreak(StringBuilder out) {
        return !out.isEmpty() && out.charAt(out.length() - 1) == '\n';
    }

    private static void newline(StringBuilder out, boolean paragraph) {
        trimTrailingSpaces(out);
        if (out.isEmpty()) {
            return;
        }
        if (!endsWithBreak(out)) {
            out.append('\n');
        }
        if (paragraph && !(out.length() >= 2 && out.charAt(out.length() - 2) == '\n')) {
            out.append('\n');
        }
    }

    private static void trimTrailingSpaces(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    private static String tidy(String text) {
        StringBuilder result = new StringBuilder();
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (!result.isEmpty()) {
                result.append(blank > 0 ? "\n\n" : "\n");
            }
            result.append(trimmed);
            blank = 0;
        }
        return result.append('\n').toString();
    }
}
