package dev.touchpoint.brand.internal;

import com.github.jknack.handlebars.Template;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The compiled messages of one locale. Keys are flattened paths ({@code email.subject}); brand-level messages carry
 * the {@code brand.} prefix. Messages are plain text with Handlebars expressions, compiled once in text mode.
 */
final class MessageBundle {

    private final String localeTag;
    private final Map<String, Template> templates;
    private final Map<String, String> sources;

    MessageBundle(String localeTag, Map<String, Template> templates, Map<String, String> sources) {
        this.localeTag = localeTag;
        this.templates = Collections.unmodifiableMap(templates);
        this.sources = Collections.unmodifiableMap(sources);
    }

    String localeTag() {
        return localeTag;
    }

    Template template(String key) {
        return templates.get(key);
    }

    Set<String> keys() {
        return templates.keySet();
    }

    Map<String, String> sources() {
        return sources;
    }
}
