package dev.touchpoint.brand.internal.html;

import java.util.Map;

/** Decodes the HTML character references our templates and the escaping produce (numeric and common named ones). */
public final class HtmlEntities {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("zwnj", "\u200C"),
            Map.entry("zwj", "\u200D"), Map.entry("shy", "\u00AD"), Map.entry("copy", "\u00A9"),
            Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"), Map.entry("middot", "\u00B7"),
            Map.entry("hellip", "\u2026"), Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"),
            Map.entry("rarr", "\u2192"), Map.entry("times", "\u00D7"), Map.entry("euro", "\u20AC"),
            Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201C"),
            Map.entry("rdquo", "\u201D"), Map.entry("bull", "\u2022"), Map.entry("thinsp", "\u2009"));

    private HtmlEntities() {
    }

    public static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '&') {
                int semi = text.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 12) {
                    String ref = text.substring(i + 1, semi);
                    String decoded = reference(ref);
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String reference(String ref) {
        try {
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                return Character.toString(Integer.parseInt(ref.substring(2), 16));
            }
            if (ref.startsWith("#")) {
                return Character.toString(Integer.parseInt(ref.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return NAMED.get(ref);
    }

    /** Escapes text for HTML content and double-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '`' -> out.append("&#x60;");
                case '=' -> out.append("&#x3D;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
