package dev.touchpoint.ingress.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Turns JSON into {@link IngressEvent}s: the JSON Schema of {@code docs/events.schema.json} (a copy on the classpath,
 * kept equal by a test), then the route's own requirements. A bad event becomes a rejection naming the field and the
 * reason, never an exception.
 */
public final class EventParser {

    public static final String SCHEMA_RESOURCE = "/dev/touchpoint/ingress/events.schema.json";

    private final JsonSchema schema;
    private final ObjectMapper json;
    private final EventRoutes routes;

    public EventParser(ObjectMapper json, EventRoutes routes) {
        this.json = json;
        this.routes = routes;
        try (InputStream in = EventParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of parsing one event: the event, or the rejection. */
    public record Parsed(IngressEvent event, EventOutcome rejection) {
        public boolean valid() {
            return event != null;
        }
    }

    public Parsed parse(JsonNode node) {
        String key = node != null && node.path("idempotencyKey").isTextual() ? node.get("idempotencyKey").asText() : null;
        if (node == null || !node.isObject()) {
            return reject(key, "$", "an event must be a JSON object");
        }
        Set<ValidationMessage> problems = schema.validate(node);
        if (!problems.isEmpty()) {
            ValidationMessage first = problems.stream()
                    .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()).thenComparing(ValidationMessage::getMessage))
                    .orElseThrow();
            String field = first.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
            if (first.getProperty() != null && ("required".equals(first.getType()) || "additionalProperties".equals(first.getType()))) {
                field = field.isEmpty() ? first.getProperty() : field + "." + first.getProperty();
            }
            String reason = first.getMessage().replaceFirst("^\\$[^:]*:\\s*", "");
            return reject(key, field.isEmpty() ? "$" : field, reason);
        }
        String type = node.get("type").asText();
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(node.get("occurredAt").asText()).toInstant();
        } catch (DateTimeParseException e) {
            return reject(key, "occurredAt", "must be an RFC 3339 date-time with offset");
        }
        EventRoute route = routes.find(type).orElse(null);
        if (route == null) {
            return reject(key, "type", "no route for event type '" + type + "' in the event routing");
        }
        JsonNode data = node.path("data");
        for (String field : route.requiredData()) {
            JsonNode value = data.path(field);
            if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                return reject(key, "data." + field, "is required for events of type " + type);
            }
            if (field.equals(route.correlationDataField()) && !(value.isTextual() || value.isIntegralNumber())) {
                return reject(key, "data." + field, "must be a string or an integer (it is the correlation key)");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = data.isObject() ? json.convertValue(data, Map.class) : Map.of();
        return new Parsed(new IngressEvent(type, node.get("customerId").asText(), occurredAt, key, values), null);
    }

    private static Parsed reject(String key, String field, String reason) {
        return new Parsed(null, EventOutcome.rejected(key, field, reason));
    }
}
