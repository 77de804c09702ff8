package dev.touchpoint.brand.tokens;

import java.util.Optional;

/**
 * Token types: the ones of the W3C Design Tokens Community Group format (2025.10) that a messaging brand needs, plus
 * three Touchpoint extension types for content tokens ({@code string}, {@code uri}, {@code file}), which the DTCG
 * format does not define.
 */
public enum TokenType {
    COLOR("color", true),
    DIMENSION("dimension", true),
    FONT_FAMILY("fontFamily", true),
    FONT_WEIGHT("fontWeight", true),
    NUMBER("number", true),
    DURATION("duration", true),
    TYPOGRAPHY("typography", true),
    /** Touchpoint extension: plain text such as the brand name or the postal address. */
    STRING("string", false),
    /** Touchpoint extension: an absolute URI (hosted images, links); may hold a {@code {token}} placeholder. */
    URI("uri", false),
    /** Touchpoint extension: a file bundled with the brand, relative to the brand root (e.g. {@code assets/logo.svg}). */
    FILE("file", false);

    private final String id;
    private final boolean css;

    TokenType(String id, boolean css) {
        this.id = id;
        this.css = css;
    }

    /** The {@code $type} value. */
    public String id() {
        return id;
    }

    /** Whether the token has a CSS value (and a CSS custom property). */
    public boolean isCss() {
        return css;
    }

    public static Optional<TokenType> fromId(String id) {
        for (TokenType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
