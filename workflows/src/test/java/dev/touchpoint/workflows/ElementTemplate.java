package dev.touchpoint.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parts of a Camunda Modeler element template (Zeebe flavour) that decide what a templated task contains. */
record ElementTemplate(String file, String id, int version, List<Property> properties) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One template property and the BPMN it binds to. */
    record Property(
            String id,
            String type,
            String value,
            boolean optional,
            boolean notEmpty,
            Optional<Pattern> pattern,
            List<String> choices,
            Binding binding) {

        boolean isHidden() {
            return "Hidden".equals(type);
        }

        /** Whether {@code actual} is a value the Modeler's properties panel would accept for this property. */
        Optional<String> problemWith(String actual) {
            String v = actual == null ? "" : actual;
            if (v.isEmpty()) {
                return notEmpty ? Optional.of("must not be empty") : Optional.empty();
            }
            if (isHidden() && !v.equals(value)) {
                return Optional.of("is hidden in the template and must be '" + value + "'");
            }
            if (!choices.isEmpty() && !choices.contains(v)) {
                return Optional.of("'" + v + "' is not one of " + choices);
            }
            if (pattern.isPresent() && !pattern.get().matcher(v).matches()) {
                return Optional.of("'" + v + "' does not match " + pattern.get().pattern());
            }
            return Optional.empty();
        }
    }

    /** {@code type} is the binding type, {@code name} its target: property, header key or input name. */
    record Binding(String type, String name) {
        static final String TASK_DEFINITION = "zeebe:taskDefinition";
        static final String HEADER = "zeebe:taskHeader";
        static final String INPUT = "zeebe:input";
        static final String CALLED_DECISION = "zeebe:calledDecision";
    }

    static ElementTemplate read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read element template " + file, e);
        }
        List<Property> properties = new ArrayList<>();
        for (JsonNode p : root.path("properties")) {
            JsonNode binding = p.path("binding");
            String bindingType = binding.path("type").asText();
            String target = switch (bindingType) {
                case Binding.TASK_DEFINITION, Binding.CALLED_DECISION -> binding.path("property").asText();
                case Binding.HEADER -> binding.path("key").asText();
                default -> binding.path("name").asText();
            };
            JsonNode constraints = p.path("constraints");
            JsonNode patternNode = constraints.path("pattern");
            String pattern = patternNode.isObject() ? patternNode.path("value").asText(null) : patternNode.asText(null);
            List<String> choices = new ArrayList<>();
            p.path("choices").forEach(c -> choices.add(c.path("value").asText()));
            properties.add(new Property(
                    p.path("id").asText(null),
                    p.path("type").asText("String"),
                    p.path("value").asText(""),
                    p.path("optional").asBoolean(false),
                    constraints.path("notEmpty").asBoolean(false),
                    Optional.ofNullable(pattern).map(Pattern::compile),
                    List.copyOf(choices),
                    new Binding(bindingType, target)));
        }
        return new ElementTemplate(file.getFileName().toString(), root.path("id").asText(), root.path("version").asInt(-1),
                List.copyOf(properties));
    }

    List<Property> bound(String bindingType) {
        return properties.stream().filter(p -> p.binding().type().equals(bindingType)).toList();
    }

    Optional<Property> property(String bindingType, String name) {
        return bound(bindingType).stream().filter(p -> p.binding().name().equals(name)).findFirst();
    }

    /** Whether this template makes a business rule task that calls a decision (no job worker, the engine evaluates it). */
    boolean callsDecision() {
        return property(Binding.CALLED_DECISION, "decisionId").isPresent();
    }

    /** The task type the template's hidden {@code zeebe:taskDefinition type} binding sets. */
    String taskType() {
        return property(Binding.TASK_DEFINITION, "type").filter(Property::isHidden).map(Property::value)
                .orElseThrow(() -> new IllegalStateException(file + " has no hidden zeebe:taskDefinition type binding"));
    }
}
