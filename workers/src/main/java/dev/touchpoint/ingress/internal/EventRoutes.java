package dev.touchpoint.ingress.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The declarative routing of {@code config/event-routing.yaml}, validated as a whole when loaded: a start-up with a
 * broken routing file fails with every problem listed, never half-routes events.
 *
 * <pre>
 * routes:
 *   order.shipped:
 *     message: order.shipped
 *     correlation: data.orderId
 *     ttl: PT1H
 *     required-data: [orderId]
 *   store.checked-in:
 *     context: check-in
 *     message: store.checked-in
 *     correlation: customerId
 *     ttl: PT10M
 * </pre>
 */
public final class EventRoutes {

    static final Pattern EVENT_TYPE = Pattern.compile("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$");
    private static final Pattern DATA_FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    private static final Pattern MESSAGE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$");

    private final Map<String, EventRoute> byType;

    private EventRoutes(Map<String, EventRoute> byType) {
        this.byType = Map.copyOf(byType);
    }

    public Optional<EventRoute> find(String eventType) {
        return Optional.ofNullable(byType.get(eventType));
    }

    public Map<String, EventRoute> all() {
        return byType;
    }

    public static EventRoutes load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidRoutingException(file + ": event routing file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new InvalidRoutingException(file + ": " + e.getMessage());
        }
    }

    public static EventRoutes parse(InputStream yaml, String origin) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new InvalidRoutingException(origin + ": not valid YAML: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, EventRoute> routes = new LinkedHashMap<>();
        if (!(root instanceof Map<?, ?> top) || !(top.get("routes") instanceof Map<?, ?> entries)) {
            throw new InvalidRoutingException(origin + ": expected a top-level 'routes' mapping");
        }
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String type = String.valueOf(entry.getKey());
            if (!EVENT_TYPE.matcher(type).matches()) {
                problems.add(type + ": event type must be dotted lower-case words, e.g. order.shipped");
                continue;
            }
            if (!(entry.getValue() instanceof Map<?, ?> spec)) {
                problems.add(type + ": expected a mapping");
                continue;
            }
            for (Object key : spec.keySet()) {
                if (!List.of("context", "message", "correlation", "ttl", "required-data").contains(String.valueOf(key))) {
                    problems.add(type + ": unknown key '" + key + "'");
                }
            }
            EventRoute.ContextAction context = EventRoute.ContextAction.NONE;
            if (spec.get("context") != null) {
                try {
                    context = EventRoute.ContextAction.valueOf(String.valueOf(spec.get("context")).toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    problems.add(type + ": context must be one of none, check-in, check-out, consent");
                }
            }
            String message = spec.get("message") == null ? null : String.valueOf(spec.get("message"));
            String correlation = spec.get("correlation") == null ? "customerId" : String.valueOf(spec.get("correlation"));
            Duration ttl = Duration.ofHours(1);
            if (message != null && !MESSAGE_NAME.matcher(message).matches()) {
                problems.add(type + ": message name '" + message + "' is not a valid message name");
            }
            if (!correlation.equals("customerId") && !(correlation.startsWith("data.") && DATA_FIELD.matcher(correlation.substring(5)).matches())) {
                problems.add(type + ": correlation must be customerId or data.<field>");
            }
            if (spec.get("ttl") != null) {
                try {
                    ttl = Duration.parse(String.valueOf(spec.get("ttl")));
                    if (ttl.isNegative() || ttl.isZero()) {
                        problems.add(type + ": ttl must be positive (the message id deduplicates only while the message lives)");
                    }
                } catch (DateTimeParseException e) {
                    problems.add(type + ": ttl must be an ISO-8601 duration such as PT1H");
                }
            }
            List<String> required = new ArrayList<>();
            if (spec.get("required-data") instanceof List<?> list) {
                list.forEach(item -> required.add(String.valueOf(item)));
            } else if (spec.get("required-data") != null) {
                problems.add(type + ": required-data must be a list of field names");
            }
            for (String field : required) {
                if (!DATA_FIELD.matcher(field).matches()) {
                    problems.add(type + ": required-data field '" + field + "' is not a plain field name");
                }
            }
            if (message == null && context == EventRoute.ContextAction.NONE) {
                problems.add(type + ": a route must publish a message or update the context (or both)");
            }
            if (context == EventRoute.ContextAction.CHECK_IN && !required.contains("storeId")) {
                required.add("storeId");
            }
            if (context == EventRoute.ContextAction.CONSENT) {
                for (String field : List.of("channel", "purpose", "status")) {
                    if (!required.contains(field)) {
                        required.add(field);
                    }
                }
            }
            EventRoute route = new EventRoute(type, context, message, correlation, ttl, required);
            if (route.correlationDataField() != null && !required.contains(route.correlationDataField())) {
                required.add(route.correlationDataField());
                route = new EventRoute(type, context, message, correlation, ttl, required);
            }
            routes.put(type, route);
        }
        if (routes.isEmpty() && problems.isEmpty()) {
            problems.add("no routes defined");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRoutingException(origin + ": invalid event routing:\n  " + String.join("\n  ", problems));
        }
        return new EventRoutes(routes);
    }

    /** The routing file is missing or wrong; the message lists every problem. */
    public static final class InvalidRoutingException extends RuntimeException {
        public InvalidRoutingException(String message) {
            super(message);
        }
    }
}
