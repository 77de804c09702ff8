package dev.touchpoint.brand.tokens;

import java.util.Objects;

/**
 * One resolved design token.
 *
 * @param path        dot-separated path, e.g. {@code color.light.text}
 * @param type        its type (declared or inherited from its group)
 * @param value       the resolved value: for CSS types the CSS text ({@code #1f3d2b}, {@code 16px},
 *                    {@code 'Helvetica Neue', Arial, sans-serif}, {@code font-family:...;font-size:...}); for
 *                    content types the text, URI or file path
 * @param description the {@code $description}, or empty
 * @param aliasOf     the path this token refers to when its value was an alias ({@code "{color.palette.oak}"}), or
 *                    {@code null}
 */
public record DesignToken(String path, TokenType type, String value, String description, String aliasOf) {

    public DesignToken {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        description = description == null ? "" : description;
    }

    /** The CSS custom property name: {@code --tp-} followed by the path with dots as dashes. */
    public String customPropertyName() {
        return "--tp-" + path.replace('.', '-');
    }
}
