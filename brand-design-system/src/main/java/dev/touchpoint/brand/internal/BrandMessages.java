package dev.touchpoint.brand.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Template;
import dev.touchpoint.brand.TemplateDefinitionException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brand's messages ({@code locales/<locale>.json}, read by templates as {@code brand.*}) and the compiling and
 * checking of every template's messages ({@code templates/<id>/locales/<locale>.json}): each message is a plain-text
 * template, every locale has the same keys (plural forms aside), and every message a template uses exists in every
 * locale, so a brand out of sync fails when it loads, naming the file and the key.
 */
final class BrandMessages {

    /** The prefix of brand-level message keys, as templates write them ({@code brand.signOff}). */
    static final String PREFIX = "brand.";

    private static final Pattern MESSAGE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern T_CALL = Pattern.compile("[{(]~?\\s*t\\s+[\"']([^\"']+)[\"']");
    private static final Pattern PLURAL_CALL = Pattern.compile("[{(]~?\\s*plural\\s+[^\\s}]+\\s+[\"']([^\"']+)[\"']");
    private static final Set<String> PLURAL_FORMS = Set.of("zero", "one", "two", "few", "many");
    private static final Set<String> BRAND_ROOTS = Set.of("brand", "touchpoint", "count", "survey", "score");

    private final DescriptorReader reader;
    private final TemplateCompiler compiler;
    private final List<String> locales;
    private final String defaultLocale;
    private final Map<String, MessageBundle> brandBundles = new LinkedHashMap<>();

    /** Reads and compiles the brand's messages of every locale. */
    BrandMessages(DescriptorReader reader, TemplateCompiler compiler, List<String> locales, String defaultLocale) {
        this.reader = reader;
        this.compiler = compiler;
        this.locales = locales;
        this.defaultLocale = defaultLocale;
        Set<String> reference = null;
        for (String tag : locales) {
            String file = "locales/" + tag + ".json";
            Map<String, String> flat = flatten(file, reader.object(file));
            Map<String, String> prefixed = new LinkedHashMap<>();
            flat.forEach((k, v) -> prefixed.put(PREFIX + k, v));
            MessageBundle bundle = compile(file, tag, prefixed, BRAND_ROOTS);
            reference = checkSameKeys(file, tag, bundle.keys(), reference);
            brandBundles.put(tag, bundle);
        }
    }

    /** The brand's messages of a locale, keys with the {@code brand.} prefix. */
    MessageBundle brand(String localeTag) {
        return brandBundles.get(localeTag);
    }

    /**
     * Reads, compiles and checks the messages of one template, one bundle per brand locale.
     *
     * @param dir        the template's folder ({@code templates/<id>/})
     * @param roots      the names the messages may refer to (declared variables and template data)
     * @param sources    the sources of the template's channel files: every message they use must exist
     * @param required   message keys every locale must have ({@code question} of a survey) with the reason
     * @param defaults   default message keys of variables, to the variable's name
     */
    Map<String, MessageBundle> template(String dir, Set<String> roots, Collection<String> sources,
                                        Map<String, String> required, Map<String, String> defaults) {
        Map<String, MessageBundle> messages = new LinkedHashMap<>();
        Set<String> reference = null;
        for (String tag : locales) {
            String file = dir + "locales/" + tag + ".json";
            Map<String, String> flat = flatten(file, reader.object(file));
            for (String key : flat.keySet()) {
                if (key.startsWith(PREFIX)) {
                    throw new TemplateDefinitionException(file, "template message keys must not start with 'brand.'");
                }
            }
            MessageBundle bundle = compile(file, tag, flat, roots);
            reference = checkSameKeys(file, tag, bundle.keys(), reference);
            messages.put(tag, bundle);
            for (String sourceText : sources) {
                checkReferences(file, tag, sourceText, bundle);
            }
            for (String message : flat.values()) {
                checkReferences(file, tag, message, bundle);
            }
            required.forEach((key, reason) -> {
                if (!hasKey(bundle, tag, key)) {
                    throw new TemplateDefinitionException(file, reason);
                }
            });
            defaults.forEach((key, variable) -> {
                if (!hasKey(bundle, tag, key)) {
                    throw new TemplateDefinitionException(file, "default message '" + key + "' of variable "
                            + variable + " is missing");
                }
            });
        }
        return messages;
    }

    private boolean hasKey(MessageBundle templateBundle, String tag, String key) {
        if (key.startsWith(PREFIX)) {
            return brandBundles.get(tag).template(key) != null;
        }
        return templateBundle.template(key) != null;
    }

    private void checkReferences(String file, String tag, String sourceText, MessageBundle bundle) {
        Matcher t = T_CALL.matcher(sourceText);
        while (t.find()) {
            if (!hasKey(bundle, tag, t.group(1))) {
                throw new TemplateDefinitionException(file, "message '" + t.group(1) + "' is used but missing in "
                        + tag);
            }
        }
        Matcher plural = PLURAL_CALL.matcher(sourceText);
        while (plural.find()) {
            if (!hasKey(bundle, tag, plural.group(1) + ".other")) {
                throw new TemplateDefinitionException(file, "plural message '" + plural.group(1)
                        + ".other' is used but missing in " + tag);
            }
        }
    }

    private MessageBundle compile(String file, String tag, Map<String, String> flat, Set<String> roots) {
        Map<String, Template> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : flat.entrySet()) {
            Template template = compiler.text(file + "#" + entry.getKey(), entry.getValue());
            compiler.lint(template, file + "#" + entry.getKey(), roots);
            compiled.put(entry.getKey(), template);
        }
        return new MessageBundle(tag, compiled, flat);
    }

    /**
     * Every locale has the same keys, except plural forms: {@code x.one}, {@code x.few}... exist only in languages
     * that have them, while {@code x.other} is required everywhere.
     */
    private Set<String> checkSameKeys(String file, String tag, Set<String> allKeys, Set<String> reference) {
        Set<String> keys = new TreeSet<>();
        for (String key : allKeys) {
            int dot = key.lastIndexOf('.');
            String last = dot < 0 ? key : key.substring(dot + 1);
            boolean pluralForm = PLURAL_FORMS.contains(last) && allKeys.contains(key.substring(0, dot) + ".other");
            if (!pluralForm) {
                keys.add(key);
            }
        }
        if (reference == null) {
            return keys;
        }
        Set<String> missing = new TreeSet<>(reference);
        missing.removeAll(keys);
        Set<String> extra = new TreeSet<>(keys);
        extra.removeAll(reference);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new TemplateDefinitionException(file, "locale " + tag + " must have the same keys as "
                    + defaultLocale + "; missing " + missing + ", extra " + extra);
        }
        return reference;
    }

    private static Map<String, String> flatten(String file, JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(file, node, "", out);
        return out;
    }

    private static void flatten(String file, JsonNode node, String prefix, Map<String, String> out) {
        if (!node.isObject()) {
            throw new TemplateDefinitionException(file, "messages must be nested JSON objects of strings");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (!MESSAGE_KEY.matcher(key).matches()) {
                throw new TemplateDefinitionException(file, "message key '" + key + "' is not a valid key");
            }
            if (field.getValue().isTextual()) {
                if (field.getValue().asText().isBlank()) {
                    throw new TemplateDefinitionException(file, "message '" + key + "' is empty");
                }
                out.put(key, field.getValue().asText());
            } else {
                flatten(file, field.getValue(), key, out);
            }
        }
    }
}
