package dev.touchpoint.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed element templates are exactly what the task declarations ({@code dev.touchpoint.tasks.TaskCatalog})
 * generate: a hand edit of a template, or a declaration changed without regenerating, fails here with the file, the
 * field and the command that regenerates them. With {@code -Dtouchpoint.element-templates.write=true} the test writes
 * the generated files instead; the build's {@code npm run validate:templates} then checks them against Camunda's schema.
 * A file nothing generates is allowed only as an earlier version of a generated template, kept for the diagrams that
 * still use it.
 */
class GeneratedElementTemplatesTest {

    static final String WRITE_PROPERTY = "touchpoint.element-templates.write";
    static final String REGENERATE = "./mvnw -pl workflows -am test -Dtest=GeneratedElementTemplatesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommittedTemplatesAreWhatTheDeclarationsGenerate() throws IOException {
        Map<String, String> generated = ElementTemplateGenerator.generate();
        Path folder = WorkflowsFolder.elementTemplates();
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertThat(differences(folder, generated))
                .as("element-templates/ differs from what the task declarations (workflows/task-catalog, TaskCatalog)"
                        + " generate. Change the declaration, not the JSON, then regenerate from the repository root: "
                        + REGENERATE)
                .isEmpty();
    }

    /** What differs between the element templates in {@code folder} and the generated ones, one line per file. */
    static List<String> differences(Path folder, Map<String, String> generated) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path committed = folder.resolve(file.getKey());
            if (!Files.isRegularFile(committed)) {
                problems.add(file.getKey() + ": missing; the declarations generate it");
                continue;
            }
            String text = Files.readString(committed, StandardCharsets.UTF_8);
            if (!text.equals(file.getValue())) {
                problems.add(file.getKey() + ": " + firstDifference(JSON.readTree(file.getValue()), JSON.readTree(text), "")
                        .orElse("same JSON, different formatting"));
            }
        }
        Map<String, Integer> generatedVersions = new HashMap<>();
        for (String text : generated.values()) {
            JsonNode template = JSON.readTree(text);
            generatedVersions.put(template.path("id").asText(), template.path("version").asInt());
        }
        List<Path> committedFiles;
        try (Stream<Path> files = Files.list(folder)) {
            committedFiles = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : committedFiles) {
            if (generated.containsKey(file.getFileName().toString())) {
                continue;
            }
            // an earlier version kept for the diagrams that still use it is frozen: nothing generates it any more
            JsonNode template = JSON.readTree(file.toFile());
            Integer current = generatedVersions.get(template.path("id").asText());
            if (current == null || current <= template.path("version").asInt()) {
                problems.add(file.getFileName() + ": no task declaration generates it, and it is not an earlier version of"
                        + " a generated template (add a declaration to TaskCatalog or delete the file)");
            }
        }
        return problems;
    }

    @Test
    void aMissingChangedOrStrayFileIsReportedAndAnEarlierVersionIsAllowed(@TempDir Path folder) throws IOException {
        Map<String, String> generated = ElementTemplateGenerator.generate();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        assertThat(differences(folder, generated)).isEmpty();

        Files.writeString(folder.resolve("touchpoint-sms-send-v0.json"),
                "{\"id\": \"dev.touchpoint.sms.send\", \"version\": 0}", StandardCharsets.UTF_8);
        assertThat(differences(folder, generated)).as("an earlier version kept for old diagrams").isEmpty();

        Files.writeString(folder.resolve("touchpoint-fax-send.json"),
                "{\"id\": \"dev.touchpoint.fax.send\", \"version\": 1}", StandardCharsets.UTF_8);
        Files.delete(folder.resolve("touchpoint-push-send.json"));
        Files.writeString(folder.resolve("touchpoint-sms-send.json"),
                generated.get("touchpoint-sms-send.json").replace("\"value\": \"PT30S\"", "\"value\": \"PT1M\""),
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("touchpoint-send.json"), generated.get("touchpoint-send.json").replace("  ", "\t"),
                StandardCharsets.UTF_8);
        assertThat(differences(folder, generated)).containsExactlyInAnyOrder(
                "touchpoint-push-send.json: missing; the declarations generate it",
                "touchpoint-sms-send.json: properties[10](retryBackoff).value is \"PT1M\", the declaration says \"PT30S\"",
                "touchpoint-send.json: same JSON, different formatting",
                "touchpoint-fax-send.json: no task declaration generates it, and it is not an earlier version of a"
                        + " generated template (add a declaration to TaskCatalog or delete the file)");
    }

    @Test
    void firstDifferenceNamesTheFieldAndBothValues() throws IOException {
        JsonNode generated = JSON.readTree("{\"id\": \"a\", \"properties\": [{\"id\": \"priority\", \"value\": \"normal\"}]}");
        JsonNode committed = JSON.readTree("{\"id\": \"a\", \"properties\": [{\"id\": \"priority\", \"value\": \"high\"}]}");
        assertThat(firstDifference(generated, committed, ""))
                .hasValue("properties[0](priority).value is \"high\", the declaration says \"normal\"");
        assertThat(firstDifference(generated, JSON.readTree("{\"id\": \"a\"}"), ""))
                .hasValue("properties is missing, the declaration says [{\"id\":\"priority\",\"value\":\"normal\"}]");
        assertThat(firstDifference(JSON.readTree("{\"id\": \"a\"}"), JSON.readTree("{\"id\": \"a\", \"x\": 1}"), ""))
                .hasValue("x is 1, the declaration has no such field");
        assertThat(firstDifference(generated, generated.deepCopy(), "")).isEmpty();
    }

    @Test
    void theJsonIsWrittenAsJavaScriptWritesIt() throws IOException {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("text", "say \"hi\"\\ \n\t\u0001 é 🙂");
        value.put("none", List.of());
        value.put("list", List.of(1, true, Map.of()));
        String written = ElementTemplateGenerator.Json.write(value);
        assertThat(written).isEqualTo("""
                {
                  "text": "say \\"hi\\"\\\\ \\n\\t\\u0001 é 🙂",
                  "none": [],
                  "list": [
                    1,
                    true,
                    {}
                  ]
                }""");
        assertThat(JSON.readTree(written).path("text").asText()).isEqualTo(value.get("text"));
    }

    /** Where {@code committed} first differs from {@code generated}, as a dotted path with both values. */
    static Optional<String> firstDifference(JsonNode generated, JsonNode committed, String path) {
        if (generated.isObject() && committed.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = generated.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode other = committed.get(field.getKey());
                if (other == null) {
                    return Optional.of(at + " is missing, the declaration says " + field.getValue());
                }
                Optional<String> difference = firstDifference(field.getValue(), other, at);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            for (Iterator<String> names = committed.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!generated.has(name)) {
                    return Optional.of((path.isEmpty() ? name : path + "." + name) + " is " + committed.get(name)
                            + ", the declaration has no such field");
                }
            }
            return Optional.empty();
        }
        if (generated.isArray() && committed.isArray()) {
            for (int i = 0; i < Math.max(generated.size(), committed.size()); i++) {
                JsonNode element = i < generated.size() ? generated.get(i) : committed.get(i);
                String at = path + "[" + i + "]" + (element.has("id") ? "(" + element.get("id").asText() + ")" : "");
                if (i >= committed.size()) {
                    return Optional.of(at + " is missing, the declaration says " + generated.get(i));
                }
                if (i >= generated.size()) {
                    return Optional.of(at + " is " + committed.get(i) + ", the declaration has no such entry");
                }
                Optional<String> difference = firstDifference(generated.get(i), committed.get(i), at);
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        return generated.equals(committed) ? Optional.empty()
                : Optional.of(path + " is " + committed + ", the declaration says " + generated);
    }
}
