package dev.touchpoint.brand.internal.rules;

import dev.touchpoint.brand.internal.html.HtmlTokenizer;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.EndTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.StartTag;
import dev.touchpoint.brand.internal.html.HtmlTokenizer.Token;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Structural and safety checks shared by the email and kiosk HTML rules. */
public final class HtmlChecks {

    private HtmlChecks() {
    }

    /** Parses the HTML; records {@code <prefix>.well-formed} and returns null when it cannot be tokenized. */
    public static List<Token> tokens(String html, Violations violations, String prefix, String field) {
        try {
            return HtmlTokenizer.tokenize(html);
        } catch (HtmlTokenizer.HtmlSyntaxException e) {
            violations.error(prefix + ".well-formed", field, "HTML cannot be parsed: " + e.getMessage());
            return null;
        }
    }

    /** Every non-void element is closed, in order. */
    static void balanced(List<Token> tokens, Violations violations, String prefix, String field) {
        Deque<StartTag> open = new ArrayDeque<>();
        for (Token token : tokens) {
            if (token instanceof StartTag tag) {
                if (tag.selfClosing() || HtmlTokenizer.VOID_ELEMENTS.contains(tag.name())) {
                    continue;
                }
                open.push(tag);
            } else if (token instanceof EndTag end) {
                if (HtmlTokenizer.VOID_ELEMENTS.contains(end.name())) {
                    violations.error(prefix + ".well-formed", field, "</" + end.name() + "> closes a void element"
                            + " at offset " + end.offset());
                    return;
                }
                if (open.isEmpty()) {
                    violations.error(prefix + ".well-formed", field, "</" + end.name()
                            + "> has no matching start tag at offset " + end.offset());
                    return;
                }
                StartTag top = open.pop();
                if (!top.name().equals(end.name())) {
                    violations.error(prefix + ".well-formed", field, "<" + top.name() + "> at offset "
                            + top.offset() + " is closed by </" + end.name() + "> at offset " + end.offset());
                    return;
                }
            }
        }
        if (!open.isEmpty()) {
            StartTag tag = open.peek();
            violations.error(prefix + ".well-formed", field, "<" + tag.name() + "> at offset " + tag.offset()
                    + " is never closed");
        }
    }

    /**
     * True for {@code javascript:}/{@code vbscript:} URLs and CSS {@code expression(...)}, also when disguised with
     * the whitespace and control characters that browsers ignore inside URLs.
     */
    static boolean isScript(String value) {
        if (!mayNameScript(value)) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.indexOf("script") < 0 && lower.indexOf("expression") < 0) {
            return false;
        }
        StringBuilder compact = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c > 0x20) {
                compact.append(c);
            }
        }
        String text = compact.toString();
        return text.startsWith("javascript:") || text.startsWith("vbscript:") || text.contains("expression(");
    }

    /**
     * A pre-check for {@link #isScript} that copies nothing: false only when the value, lower-cased, can contain
     * neither {@code script} nor {@code expression}. Every attribute of every tag goes through here, and most are
     * short ASCII without those words; a value with other characters, or a long one, is left to the full check.
     */
    static boolean mayNameScript(String value) {
        if (value.length() > 256) {
            // a long value (an inlined data URI of a kiosk illustration) is faster through the JDK's vectorised
            // lower-casing and search of the full check than through this character loop
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return true;
            }
            if ((c == 's' || c == 'S') && value.regionMatches(true, i, "script", 0, 6)
                    || (c == 'e' || c == 'E') && value.regionMatches(true, i, "expression", 0, 10)) {
                return true;
            }
        }
        return false;
    }

    /** No forbidden elements, no event handler attributes, no script URLs anywhere. */
    static void safe(List<Token> tokens, Set<String> forbidden, Violations violations, String prefix, String field) {
        for (Token token : tokens) {
            if (!(token instanceof StartTag tag)) {
                continue;
            }
            if (forbidden.contains(tag.name())) {
                violations.error(prefix + ".forbidden-element", field, "<" + tag.name()
                        + "> is not allowed (offset " + tag.offset() + ")");
            }
            if (tag.name().equals("meta") && tag.attribute("http-equiv") != null
                    && tag.attribute("http-equiv").equalsIgnoreCase("refresh")) {
                violations.error(prefix + ".forbidden-element", field, "<meta http-equiv=refresh> is not allowed");
            }
            for (Map.Entry<String, String> attribute : tag.attributes().entrySet()) {
                String name = attribute.getKey();
                if (name.startsWith("on")) {
                    violations.error(prefix + ".no-script", field, "event handler attribute " + name + " on <"
                            + tag.name() + "> (offset " + tag.offset() + ")");
                }
                if (isScript(attribute.getValue())) {
                    violations.error(prefix + ".no-script", field, "script in attribute " + name + " of <"
                            + tag.name() + "> (offset " + tag.offset() + ")");
                }
            }
        }
    }
}
