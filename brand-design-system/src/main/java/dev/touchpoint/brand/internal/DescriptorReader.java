package dev.touchpoint.brand.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.touchpoint.brand.TemplateDefinitionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON files of a brand. A descriptor ({@code brand.json}, {@code template.json}, the channel files, {@code samples.json}) is
 * checked against its JSON Schema under {@code schema/brand/} on the classpath and then bound to its record, so a bad
 * descriptor fails with the file, the field and what is expected, e.g.
 * {@code templates/welcome/template.json: variables.firstName.required: string found, boolean expected}, and the code
 * that uses a descriptor never walks untyped JSON. Message files, whose keys are the designers' own, are read as
 * plain objects.
 */
final class DescriptorReader {

    /** The schemas of the descriptors, each loaded once per JVM from {@code schema/brand/<file>}. */
    enum Schema {
        MANIFEST("brand-manifest.schema.json"),
        TEMPLATE("template-descriptor.schema.json"),
        EMAIL("email.schema.json"),
        PUSH("push.schema.json"),
        KIOSK("kiosk.schema.json"),
        SAMPLES("samples.schema.json");

        /** Where the schemas are on the classpath. */
        static final String LOCATION = "schema/brand/";

        private final String file;
        private final JsonSchema schema;

        Schema(String file) {
            this.file = file;
            // English messages whatever the JVM's locale; "message" holds the schema's own wording for a keyword.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH)
                    .errorMessageKeyword("message").build();
            try (InputStream in = DescriptorReader.class.getClassLoader().getResourceAsStream(LOCATION + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing on the classpath: " + LOCATION + file);
                }
                this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + LOCATION + file, e);
            }
            schema.initializeValidators();
        }
    }

    /** At most this many problems are listed in one error; the first ones by position in the file. */
    private static final int MAX_PROBLEMS = 5;
    private static final Set<String> SHOW_VALUE = Set.of("pattern", "minimum", "maximum", "minLength", "maxLength",
            "enum", "const");

    private final ResourceSource source;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    DescriptorReader(ResourceSource source) {
        this.source = source;
    }

    /** A JSON object file; fails naming the file when it is missing, not JSON or not an object. */
    JsonNode object(String file) {
        String content = source.text(file).orElseThrow(() -> new TemplateDefinitionException(file, "missing ("
                + source.describe(file) + ")"));
        try {
            JsonNode node = json.readTree(content);
            if (!(node instanceof ObjectNode)) {
                throw new TemplateDefinitionException(file, "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TemplateDefinitionException(file, "not valid JSON: " + e.getMessage());
        }
    }

    /** As {@link #descriptor}, for a file a template may leave out: empty when it does not exist. */
    <T> Optional<T> optionalDescriptor(String file, Schema schema, Class<T> type) {
        return source.bytes(file).isEmpty() ? Optional.empty() : Optional.of(descriptor(file, schema, type));
    }

    /**
     * A descriptor file checked against its schema and bound to {@code type}.
     *
     * @throws TemplateDefinitionException naming the file, and for a schema violation the field and what is expected
     */
    <T> T descriptor(String file, Schema schema, Class<T> type) {
        JsonNode node = object(file);
        List<ValidationMessage> problems = schema.schema.validate(node).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder();
            problems.stream().limit(MAX_PROBLEMS).forEach(problem ->
                    message.append(message.isEmpty() ? "" : "; ").append(describe(problem)));
            if (problems.size() > MAX_PROBLEMS) {
                message.append("; and ").append(problems.size() - MAX_PROBLEMS).append(" more");
            }
            throw new TemplateDefinitionException(file, message + " (see " + Schema.LOCATION + schema.file + ")");
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new TemplateDefinitionException(file, "cannot be read: " + e.getOriginalMessage());
        }
    }

    /**
     * One schema violation as {@code field: what is expected (found value)}, the field as a dotted path from the
     * top of the file ({@code variables.cartItems.items.price.type}).
     */
    static String describe(ValidationMessage problem) {
        String location = problem.getInstanceLocation().toString();
        String field = location.replaceFirst("^/", "").replace('/', '.');
        if (("required".equals(problem.getType()) || "propertyNames".equals(problem.getType()))
                && problem.getProperty() != null) {
            field = field.isEmpty() ? problem.getProperty() : field + "." + problem.getProperty();
        }
        String reason = "required".equals(problem.getType()) ? "is required" : problem.getMessage();
        if (reason.startsWith(location + ": ")) {
            reason = reason.substring(location.length() + 2);
        }
        if ("propertyNames".equals(problem.getType()) && reason.contains(" name is not valid: ")) {
            reason = reason.substring(reason.indexOf(" name is not valid: ") + " name is not valid: ".length());
        }
        JsonNode value = problem.getInstanceNode();
        if (SHOW_VALUE.contains(problem.getType()) && value != null && value.isValueNode()) {
            reason = reason + " (found " + value + ")";
        }
        return (field.isEmpty() ? "the file" : field) + ": " + reason;
    }
}
