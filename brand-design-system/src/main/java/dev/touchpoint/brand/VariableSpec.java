package dev.touchpoint.brand;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A variable a template declares in its descriptor.
 *
 * @param name           the variable name used in templates, e.g. {@code firstName}
 * @param type           its type
 * @param required       whether a render fails when the variable is missing
 * @param defaultValue   a literal default (already normalised to the type), or {@code null}
 * @param defaultMessage a message key whose localised text is the default (e.g. {@code defaults.firstName}), or
 *                       {@code null}
 * @param description    what the variable means, for designers and the journey linter
 * @param maxLength      for strings: the longest accepted value in characters, or {@code null}
 * @param pattern        for strings: a regular expression the whole value must match (e.g. an offer code format), or
 *                       {@code null}
 * @param items          for lists: the fields of each item
 */
public record VariableSpec(String name, VariableType type, boolean required, Object defaultValue,
                           String defaultMessage, String description, Integer maxLength, String pattern,
                           List<VariableSpec> items) {

    public VariableSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** True when a missing value is replaced by a default instead of failing or staying absent. */
    public boolean hasDefault() {
        return defaultValue != null || defaultMessage != null;
    }

    public Optional<Object> defaultLiteral() {
        return Optional.ofNullable(defaultValue);
    }

    public Optional<String> defaultMessageKey() {
        return Optional.ofNullable(defaultMessage);
    }
}
