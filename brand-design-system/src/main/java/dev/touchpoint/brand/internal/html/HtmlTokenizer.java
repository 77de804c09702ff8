package dev.touchpoint.brand.internal.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict HTML tokenizer for the HTML this module renders (email documents and kiosk fragments): tags with
 * attributes, text, comments, the doctype, and the raw text of {@code <style>}/{@code <script>}/{@code <title>}. It is
 * not a browser parser; it is exact enough to check rules on markup we generate and to turn it into plain text.
 */
public final class HtmlTokenizer {

    /** Elements that never have an end tag. */
    public static final Set<String> VOID_ELEMENTS = Set.of("area", "base", "br", "col", "embed", "hr", "img",
            "input", "link", "meta", "source", "track", "wbr");
    private static final Set<String> RAW_TEXT = Set.of("style", "script", "title", "textarea");

    private HtmlTokenizer() {
    }

    public sealed interface Token permits StartTag, EndTag, Text, Comment, Doctype {
        /** Character offset in the source. */
        int offset();
    }

    /** A start tag; attribute names are lower case, values entity-decoded. */
    public record StartTag(String name, Map<String, String> attributes, boolean selfClosing, int offset)
            implements Token {
        public String attribute(String attribute) {
            return attributes.get(attribute);
        }
    }

    public record EndTag(String name, int offset) implements Token {
    }

    /** Text; {@code raw} is the source, {@link #decoded()} has entities replaced. */
    public record Text(String raw, boolean rawTextElement, int offset) implements Token {
        public String decoded() {
            return rawTextElement ? raw : HtmlEntities.decode(raw);
        }
    }

    public record Comment(String content, int offset) implements Token {
    }

    public record Doctype(String content, int offset) implements Token {
    }

    /** A syntax error at an offset. */
    public static final class HtmlSyntaxException extends RuntimeException {
        private final int offset;

        HtmlSyntaxException(String message, int offset) {
            super(message + " at offset " + offset);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public static List<Token> tokenize(String html) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = html.length();
        // the pending text is always the source range [textStart, i): kept as offsets, cut once
        int textStart = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<' && i + 1 < n) {
                char next = html.charAt(i + 1);
                boolean markup = next == '!' || next == '/' || Character.isLetter(next);
                if (markup) {
                    if (i > textStart) {
                        tokens.add(new Text(html.substring(textStart, i), false, textStart));
                    }
                    if (html.startsWith("<!--", i)) {
                        int end = html.indexOf("-->", i + 4);
                        if (end < 0) {
                            throw new HtmlSyntaxException("unterminated comment", i);
                        }
                        tokens.add(new Comment(html.substring(i + 4, end), i));
                        i = end + 3;
                    } else if (next == '!') {
                        int end = html.indexOf('>', i);
                        if (end < 0) {
                            throw new HtmlSyntaxException("unterminated declaration", i);
                        }
                        tokens.add(new Doctype(html.substring(i + 2, end).trim(), i));
                        i = end + 1;
                    } else if (next == '/') {
                        int end = html.indexOf('>', i);
                        if (end < 0) {
                            throw new HtmlSyntaxException("unterminated end tag", i);
                        }
                        String name = html.substring(i + 2, end).trim().toLowerCase(Locale.ROOT);
                        if (!isTagName(name)) {
                            throw new HtmlSyntaxException("malformed end tag </" + name + ">", i);
                        }
                        tokens.add(new EndTag(name, i));
                        i = end + 1;
                    } else {
                        ParsedTag parsed = startTag(html, i);
                        StartTag tag = parsed.tag();
                        tokens.add(tag);
                        i = parsed.end();
                        if (RAW_TEXT.contains(tag.name()) && !tag.selfClosing()) {
                            int close = indexOfIgnoreCase(html, "</" + tag.name(), i);
                            if (close < 0) {
                                throw new HtmlSyntaxException("<" + tag.name() + "> is never closed", tag.offset());
                            }
                            if (close > i) {
                                tokens.add(new Text(html.substring(i, close), true, i));
                            }
                            i = close;
                        }
                    }
                    textStart = i;
                    continue;
                }
            }
            // only a '<' can start markup: jump to the next one
            int lt = html.indexOf('<', i + 1);
            i = lt < 0 ? n : lt;
        }
        if (n > textStart) {
            tokens.add(new Text(html.substring(textStart, n), false, textStart));
        }
        return tokens;
    }

    private record ParsedTag(StartTag tag, int end) {
    }

    private static ParsedTag startTag(String html, int start) {
        int i = start + 1;
        int n = html.length();
        int nameStart = i;
        while (i < n && (Character.isLetterOrDigit(html.charAt(i)) || html.charAt(i) == '-')) {
            i++;
        }
        String name = html.substring(nameStart, i).toLowerCase(Locale.ROOT);
        Map<String, String> attributes = new LinkedHashMap<>();
        boolean selfClosing = false;
        while (true) {
            while (i < n && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            if (i >= n) {
                throw new HtmlSyntaxException("unterminated <" + name + "> tag", start);
            }
            char c = html.charAt(i);
            if (c == '>') {
                i++;
                break;
            }
            if (c == '/' && i + 1 < n && html.charAt(i + 1) == '>') {
                selfClosing = true;
                i += 2;
                break;
            }
            int attrStart = i;
            while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '='
                    && html.charAt(i) != '>' && !(html.charAt(i) == '/' && i + 1 < n && html.charAt(i + 1) == '>')) {
                if (html.charAt(i) == '"' || html.charAt(i) == '\'' || html.charAt(i) == '<') {
                    throw new HtmlSyntaxException("unexpected " + html.charAt(i) + " in <" + name + "> tag", i);
                }
                i++;
            }
            String attr = html.substring(attrStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            String value = "";
            if (i < n && html.charAt(i) == '=') {
                i++;
                while (i < n && Character.isWhitespace(html.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    throw new HtmlSyntaxException("unterminated attribute " + attr, attrStart);
                }
                char quote = html.charAt(i);
                if (quote == '"' || quote == '\'') {
                    int end = html.indexOf(quote, i + 1);
                    if (end < 0) {
                        throw new HtmlSyntaxException("unterminated attribute value of " + attr, i);
                    }
                    value = html.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int valueStart = i;
                    while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
                        i++;
                    }
                    value = html.substring(valueStart, i);
                }
            }
            if (attributes.containsKey(attr)) {
                throw new HtmlSyntaxException("duplicate attribute " + attr + " in <" + name + ">", attrStart);
            }
            attributes.put(attr, HtmlEntities.decode(value));
        }
        return new ParsedTag(new StartTag(name, attributes, selfClosing, start), i);
    }

    private static boolean isTagName(String name) {
        if (name.isEmpty() || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Where the end tag {@code needle} (e.g. {@code </style}) starts, ignoring case, or -1. */
    private static int indexOfIgnoreCase(String text, String needle, int from) {
        int i = text.indexOf('<', from);
        while (i >= 0 && i <= text.length() - needle.length()) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
            i = text.indexOf('<', i + 1);
        }
        return -1;
    }
}
