package dev.touchpoint.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Twilio's OpenAPI description (src/test/resources/twilio/twilio_api_v2010.json, MIT, from twilio-oai) as a
 * validator. The form a request sends is checked against the {@code CreateMessage} operation's
 * {@code application/x-www-form-urlencoded} schema with a JSON Schema validator: every parameter must be declared
 * (the schema is closed with {@code additionalProperties: false}), required ones present, and types, enums, patterns
 * and lengths respected. Form values are strings, so each is first read as the type its property declares.
 */
final class TwilioOpenApi {

    static final String MESSAGES_PATH = "/2010-04-01/Accounts/{AccountSid}/Messages.json";
    private static final Pattern ACCOUNT_SID = Pattern.compile("^AC[0-9a-fA-F]{32}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TwilioOpenApi INSTANCE = new TwilioOpenApi();

    private final JsonNode spec;
    private final ObjectNode createMessageForm;
    private final JsonSchema createMessageSchema;
    private final JsonSchema messageResourceSchema;

    private TwilioOpenApi() {
        try (InputStream in = TwilioOpenApi.class.getResourceAsStream("/twilio/twilio_api_v2010.json")) {
            spec = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode operation = spec.path("paths").path(MESSAGES_PATH).path("post");
        if (!"CreateMessage".equals(operation.path("operationId").asText())) {
            throw new IllegalStateException("the spec has no CreateMessage operation at " + MESSAGES_PATH);
        }
        createMessageForm = (ObjectNode) inline(operation.path("requestBody").path("content")
                .path("application/x-www-form-urlencoded").path("schema"));
        createMessageForm.put("additionalProperties", false);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        createMessageSchema = factory.getSchema(createMessageForm, config);
        JsonNode created = inline(operation.path("responses").path("201").path("content").path("application/json")
                .path("schema"));
        messageResourceSchema = factory.getSchema(created, config);
    }

    static TwilioOpenApi get() {
        return INSTANCE;
    }

    /** Problems of a CreateMessage form; empty when it is valid. */
    List<String> createMessageProblems(String accountSidInPath, Map<String, List<String>> form) {
        List<String> problems = new ArrayList<>();
        if (!ACCOUNT_SID.matcher(accountSidInPath).matches()) {
            problems.add("path parameter AccountSid " + accountSidInPath + " does not match ^AC[0-9a-fA-F]{32}$");
        }
        ObjectNode typed = JSON.createObjectNode();
        JsonNode properties = createMessageForm.path("properties");
        form.forEach((name, values) -> {
            JsonNode property = properties.path(name);
            if ("array".equals(property.path("type").asText())) {
                ArrayNode array = typed.putArray(name);
                values.forEach(array::add);
            } else {
                if (values.size() > 1) {
                    problems.add(name + " is sent " + values.size() + " times but is not an array");
                }
                typed.set(name, typedValue(property.path("type").asText(), values.getFirst()));
            }
        });
        Set<ValidationMessage> messages = createMessageSchema.validate(typed);
        messages.forEach(m -> problems.add(m.getMessage()));
        return problems;
    }

    /** Problems of a message resource as the Messages API returns it; empty when it is valid. */
    List<String> messageResourceProblems(JsonNode resource) {
        return messageResourceSchema.validate(resource).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonNode typedValue(String type, String value) {
        switch (type) {
            case "integer":
                if (value.matches("-?\\d+")) {
                    return JSON.getNodeFactory().numberNode(Long.parseLong(value));
                }
                break;
            case "number":
                if (value.matches("-?\\d+(\\.\\d+)?")) {
                    return JSON.getNodeFactory().numberNode(Double.parseDouble(value));
                }
                break;
            case "boolean":
                if (value.equals("true") || value.equals("false")) {
                    return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
                }
                break;
            default:
                break;
        }
        return JSON.getNodeFactory().textNode(value);
    }

    /** A copy of the node with every local {@code $ref} replaced by what it points to. */
    private JsonNode inline(JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.asText().startsWith("#/")) {
                return inline(spec.at(ref.asText().substring(1)));
            }
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), inline(field.getValue()));
            }
            // OpenAPI 3.0's "nullable: true" is JSON Schema's type [T, "null"]
            if (copy.path("nullable").asBoolean(false) && copy.path("type").isTextual()) {
                ArrayNode types = JSON.createArrayNode().add(copy.get("type").asText()).add("null");
                copy.set("type", types);
                copy.remove("nullable");
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(inline(item)));
            return copy;
        }
        return node;
    }
}
