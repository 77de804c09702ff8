package dev.touchpoint.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a brand design system template declares ({@code brand/templates/<id>/template.json}): its channels and its
 * variables. Read as plain JSON so this module needs nothing of the brand module at runtime.
 */
record BrandTemplate(String id, Set<String> channels, Map<String, Boolean> variables, boolean survey) {

    /**
     * The variable a survey touchpoint may pass besides the declared ones: the touchpoint the survey measures, read by
     * the workers when they issue the answer links (ADR-0026), never rendered.
     */
    static final String SURVEY_MEASURES = "measures";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Variables the workers take from the customer context, never from the journey. */
    static final Set<String> PROFILE_VARIABLES = Set.of("firstName");

    static Map<String, BrandTemplate> all(Path templatesFolder) {
        Map<String, BrandTemplate> templates = new TreeMap<>();
        try (Stream<Path> folders = Files.list(templatesFolder)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                BrandTemplate template = read(folder.resolve("template.json"));
                templates.put(folder.getFileName().toString(), template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + templatesFolder, e);
        }
        return templates;
    }

    static BrandTemplate read(Path descriptor) {
        try {
            JsonNode root = JSON.readTree(descriptor.toFile());
            Set<String> channels = new TreeSet<>();
            root.path("channels").forEach(c -> channels.add(c.asText()));
            Map<String, Boolean> variables = new TreeMap<>();
            root.path("variables").properties()
                    .forEach(e -> variables.put(e.getKey(), e.getValue().path("required").asBoolean(false)));
            return new BrandTemplate(root.path("id").asText(), channels, variables, root.has("survey"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + descriptor, e);
        }
    }

    Set<String> requiredFromJourney() {
        Set<String> required = new TreeSet<>();
        variables.forEach((name, isRequired) -> {
            if (isRequired && !PROFILE_VARIABLES.contains(name)) {
                required.add(name);
            }
        });
        return required;
    }

    /**
     * The keys of a FEEL context literal such as {@code ={cartTotal: cart.total, cartItems: cart.items}}, in order.
     * Only literal contexts are understood: journeys spell out what they pass so it can be checked.
     */
    static List<String> contextKeys(String feel) {
        String expression = feel == null ? "" : feel.strip();
        if (expression.startsWith("=")) {
            expression = expression.substring(1).strip();
        }
        if (!expression.startsWith("{") || !expression.endsWith("}")) {
            throw new IllegalArgumentException("not a FEEL context literal: " + feel);
        }
        String body = expression.substring(1, expression.length() - 1);
        List<String> keys = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        StringBuilder entry = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    entry.append(c).append(body.charAt(++i));
                    continue;
                }
                inString = c != '"';
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                keys.add(key(entry.toString(), feel));
                entry.setLength(0);
                continue;
            }
            entry.append(c);
        }
        if (!entry.toString().isBlank()) {
            keys.add(key(entry.toString(), feel));
        }
        return keys;
    }

    private static String key(String entry, String feel) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("context entry without a key in " + feel + ": " + entry);
        }
        String key = entry.substring(0, colon).strip();
        return key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }
}
