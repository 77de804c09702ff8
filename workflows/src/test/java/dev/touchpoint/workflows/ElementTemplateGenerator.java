package dev.touchpoint.workflows;

import dev.touchpoint.tasks.TaskCatalog;
import dev.touchpoint.tasks.TaskDeclaration;
import dev.touchpoint.tasks.TaskDeclaration.Choice;
import dev.touchpoint.tasks.TaskDeclaration.Constraints;
import dev.touchpoint.tasks.TaskDeclaration.Field;
import dev.touchpoint.tasks.TaskDeclaration.Group;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Camunda Modeler element templates of {@code element-templates/} from the task declarations of
 * {@link TaskCatalog}, one {@code <file>.json} per declaration. The output is formatted as
 * {@code JSON.stringify(template, null, 2)} with a final newline (what the files were when they were written by hand),
 * keys in the order of the element template schema's examples, so a regenerated file differs from the committed one
 * only where a declaration changed.
 *
 * <p>Run through the test that keeps them in sync ({@link GeneratedElementTemplatesTest}, see workflows/README.md), or
 * as a plain main with the target folder as argument (default {@code element-templates}).
 */
final class ElementTemplateGenerator {

    static final String SCHEMA = "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json";
    /** The Camunda versions the workers support. */
    static final String ENGINES = "^8.8";

    private ElementTemplateGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "element-templates");
        for (Map.Entry<String, String> file : generate().entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + folder.resolve(file.getKey()));
        }
    }

    /** File name ({@code touchpoint-send.json}) to its content, in the catalog's order. */
    static Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        for (TaskCatalog.Entry entry : TaskCatalog.entries()) {
            if (files.put(entry.file() + ".json", Json.write(template(entry.declaration())) + "\n") != null) {
                throw new IllegalStateException("two declarations write " + entry.file() + ".json");
            }
        }
        return files;
    }

    /** The element template of one declaration, as ordered maps and lists. */
    static Map<String, Object> template(TaskDeclaration task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("$schema", SCHEMA);
        json.put("name", task.name());
        json.put("id", task.templateId());
        json.put("version", task.version());
        json.put("description", task.description());
        json.put("category", object("id", "dev.touchpoint", "name", "Touchpoint"));
        json.put("keywords", task.keywords());
        json.put("engines", object("camunda", ENGINES));
        json.put("appliesTo", List.of("bpmn:Task"));
        json.put("elementType", object("value", task.elementType().bpmn()));
        List<Object> groups = new ArrayList<>();
        for (Group group : task.groups()) {
            groups.add(object("id", group.id(), "label", group.label()));
        }
        json.put("groups", groups);
        List<Object> properties = new ArrayList<>();
        task.taskType().ifPresent(type -> properties.add(object("type", "Hidden", "value", type,
                "binding", object("type", "zeebe:taskDefinition", "property", "type"))));
        for (Field field : task.fields()) {
            properties.add(property(field));
        }
        json.put("properties", properties);
        return json;
    }

    private static Map<String, Object> property(Field field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", field.name());
        json.put("label", field.label());
        json.put("group", field.group());
        json.put("type", field.editor().type());
        if (field.feelRequired()) {
            json.put("feel", "required");
        }
        json.put("value", field.value());
        if (field.optional()) {
            json.put("optional", true);
        }
        Constraints constraints = field.constraints();
        if (constraints != null) {
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("notEmpty", constraints.notEmpty());
            if (constraints.pattern() != null) {
                checks.put("pattern", object("value", constraints.pattern(), "message", constraints.patternMessage()));
            }
            json.put("constraints", checks);
        }
        if (field.description() != null) {
            json.put("description", field.description());
        }
        if (!field.choices().isEmpty()) {
            List<Object> choices = new ArrayList<>();
            for (Choice choice : field.choices()) {
                choices.add(object("name", choice.name(), "value", choice.value()));
            }
            json.put("choices", choices);
        }
        json.put("binding", object("type", field.binding().type(), field.binding().nameKey(), field.name()));
        return json;
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return json;
    }

    /** JSON text as JavaScript's {@code JSON.stringify(value, null, 2)} writes it. */
    static final class Json {

        private Json() {
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, "", out);
            return out.toString();
        }

        private static void write(Object value, String indent, StringBuilder out) {
            String inner = indent + "  ";
            if (value instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(inner);
                    string((String) entry.getKey(), out);
                    out.append(": ");
                    write(entry.getValue(), inner, out);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                out.append(indent).append('}');
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    out.append(inner);
                    write(list.get(i), inner, out);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                out.append(indent).append(']');
            } else if (value instanceof String text) {
                string(text, out);
            } else if (value instanceof Integer || value instanceof Boolean) {
                out.append(value);
            } else {
                throw new IllegalArgumentException("not a JSON value of an element template: " + value);
            }
        }

        private static void string(String text, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        boolean loneSurrogate = Character.isHighSurrogate(c)
                                ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
                        if (c < 0x20 || loneSurrogate) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
