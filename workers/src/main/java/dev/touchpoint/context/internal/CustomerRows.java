package dev.touchpoint.context.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.context.InvalidCustomerException.Violation;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one customer in the exchange format (a JSON object: a JSONL line, a CSV row converted by header, or a REST
 * body) into a validated profile and its consents, collecting every problem with its field name.
 *
 * <pre>
 * {"id":"c-1001","givenName":"Ana","familyName":"Silva","locale":"pt-BR","timeZone":"America/Sao_Paulo",
 *  "email":"ana@example.com","phone":"+5511987654321","pushTokens":["fcm:abc"],"loyaltyTier":"GOLD",
 *  "homeStore":"SP-01","attributes":{"favouriteCategory":"shoes"},"preferredChannels":["PUSH","EMAIL"],
 *  "quietHours":"22:00-07:00","consents":{"email.marketing":"granted",
 *  "sms.marketing":{"status":"withdrawn","at":"2026-11-01T10:00:00Z","proof":"crm-4711"}}}
 * </pre>
 */
final class CustomerRows {

    /** A consent column or entry of a row; {@code at} null when the source did not say when. */
    record ConsentEntry(Channel channel, Purpose purpose, ConsentStatus status, Instant at, String proof, String atField) {

        String field() {
            return "consent." + channel.name().toLowerCase(Locale.ROOT) + "." + purpose.name().toLowerCase(Locale.ROOT);
        }
    }

    /** A valid row. */
    record CustomerRow(CustomerProfile profile, List<ConsentEntry> consents) {
    }

    static final Set<String> FIELDS = Set.of("id", "givenName", "familyName", "locale", "timeZone", "email", "phone",
            "pushTokens", "loyaltyTier", "homeStore", "attributes", "preferredChannels", "quietHours", "consents", "consentAt");

    private CustomerRows() {
    }

    /**
     * Maps and validates one row.
     *
     * @throws InvalidCustomerException with every problem of the row
     */
    static CustomerRow map(JsonNode node) {
        List<Violation> violations = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new InvalidCustomerException(List.of(new Violation("row", "is not a JSON object")));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "unknown field"));
            }
        }
        String id = text(node, "id", violations);
        if (id == null) {
            violations.add(new Violation("id", "is missing"));
        } else if (!CustomerValidation.validId(id)) {
            violations.add(new Violation("id", "must be 1-128 letters, digits or . _ : @ - and start with a letter or digit"));
        }
        Locale locale = null;
        String localeTag = text(node, "locale", violations);
        if (localeTag != null) {
            try {
                locale = new Locale.Builder().setLanguageTag(localeTag.replace('_', '-')).build();
            } catch (IllformedLocaleException e) {
                violations.add(new Violation("locale", "'" + CustomerValidation.abbreviate(localeTag) + "' is not a language tag such as en-GB"));
            }
        }
        ZoneId zone = null;
        String zoneId = text(node, "timeZone", violations);
        if (zoneId != null) {
            try {
                zone = ZoneId.of(zoneId);
            } catch (DateTimeException e) {
                violations.add(new Violation("timeZone", "unknown time zone '" + CustomerValidation.abbreviate(zoneId) + "'"));
            }
        }
        List<String> pushTokens = list(node, "pushTokens", violations);
        List<Channel> preferred = new ArrayList<>();
        for (String channel : list(node, "preferredChannels", violations)) {
            try {
                preferred.add(Channel.parse(channel));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("preferredChannels", e.getMessage()));
            }
        }
        QuietHours quietHours = QuietHours.NONE;
        String quiet = text(node, "quietHours", violations);
        if (quiet != null) {
            try {
                quietHours = QuietHours.parse(quiet);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("quietHours", e.getMessage()));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = node.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                violations.add(new Violation("attributes", "must be an object of names to values"));
            } else {
                attrs.fields().forEachRemaining(e -> {
                    if (e.getValue().isContainerNode()) {
                        violations.add(new Violation("attr." + e.getKey(), "must be a single value"));
                    } else if (!e.getValue().isNull() && !e.getValue().asText().isEmpty()) {
                        attributes.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        Instant rowConsentAt = null;
        String consentAt = text(node, "consentAt", violations);
        if (consentAt != null) {
            rowConsentAt = instant(consentAt, "consentAt", violations);
        }
        List<ConsentEntry> consents = consents(node.get("consents"), rowConsentAt, violations);

        CustomerProfile profile = null;
        if (id != null && violations.stream().noneMatch(v -> v.field().equals("id"))) {
            CustomerProfile raw = new CustomerProfile(id, text(node, "givenName", violations), text(node, "familyName", violations),
                    locale, zone, text(node, "email", violations), text(node, "phone", violations), pushTokens,
                    text(node, "loyaltyTier", violations), text(node, "homeStore", violations), attributes,
                    new ChannelPreferences(preferred, quietHours), null);
            try {
                profile = CustomerValidation.normalise(raw);
            } catch (InvalidCustomerException e) {
                for (Violation v : e.violations()) {
                    if (!violations.contains(v)) {
                        violations.add(v);
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidCustomerException(violations);
        }
        return new CustomerRow(profile, consents);
    }

    /** A CSV record as a JSON object, by header: {@code consent.x.y} and {@code attr.x} columns fold into objects. */
    static ObjectNode fromCsv(List<String> header, List<String> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode consents = JsonNodeFactory.instance.objectNode();
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = i < values.size() ? values.get(i).trim() : "";
            if (value.isEmpty()) {
                continue;
            }
            String lower = column.toLowerCase(Locale.ROOT);
            if (lower.startsWith("consent.")) {
                consents.put(column.substring("consent.".length()), value);
            } else if (lower.startsWith("attr.")) {
                attributes.put(column.substring("attr.".length()), value);
            } else {
                node.put(column, value);
            }
        }
        if (!consents.isEmpty()) {
            node.set("consents", consents);
        }
        if (!attributes.isEmpty()) {
            node.set("attributes", attributes);
        }
        return node;
    }

    /** Checks a CSV header: known columns only (case as documented), no column twice. Returns the problems. */
    static List<String> checkHeader(List<String> header) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                problems.add("column '" + column + "' appears twice");
            }
            if (column.startsWith("attr.") && column.length() > 5) {
                continue;
            }
            if (column.startsWith("consent.")) {
                try {
                    consentKey(column.substring("consent.".length()));
                } catch (IllegalArgumentException e) {
                    problems.add("column '" + column + "': " + e.getMessage());
                }
                continue;
            }
            if (!FIELDS.contains(column) || column.equals("consents") || column.equals("attributes")) {
                problems.add("unknown column '" + column + "'");
            }
        }
        if (!header.contains("id")) {
            problems.add("there is no id column");
        }
        return problems;
    }

    private static List<ConsentEntry> consents(JsonNode node, Instant rowAt, List<Violation> violations) {
        List<ConsentEntry> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            violations.add(new Violation("consents", "must be an object such as {\"email.marketing\": \"granted\"}"));
            return result;
        }
        node.fields().forEachRemaining(e -> {
            String field = "consent." + e.getKey();
            Channel channel;
            Purpose purpose;
            try {
                Object[] key = consentKey(e.getKey());
                channel = (Channel) key[0];
                purpose = (Purpose) key[1];
            } catch (IllegalArgumentException ex) {
                violations.add(new Violation(field, ex.getMessage()));
                return;
            }
            JsonNode value = e.getValue();
            String status;
            Instant at = rowAt;
            String atField = "consentAt";
            String proof = null;
            if (value.isObject()) {
                status = value.path("status").asText(null);
                if (value.hasNonNull("at")) {
                    atField = field + ".at";
                    at = instant(value.get("at").asText(), atField, violations);
                }
                proof = value.hasNonNull("proof") ? value.get("proof").asText() : null;
                if (proof != null && proof.length() > 200) {
                    violations.add(new Violation(field + ".proof", "is longer than 200 characters"));
                }
            } else {
                status = value.isNull() ? null : value.asText();
            }
            try {
                result.add(new ConsentEntry(channel, purpose, ConsentStatus.parse(status), at, proof, atField));
            } catch (IllegalArgumentException ex) {
                violations.add(new Violation(field, ex.getMessage()));
            }
        });
        return result;
    }

    private static Object[] consentKey(String key) {
        String[] parts = key.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("consent keys are <channel>.<purpose>, e.g. email.marketing");
        }
        return new Object[]{Channel.parse(parts[0]), Purpose.parse(parts[1])};
    }

    private static Instant instant(String text, String field, List<Violation> violations) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                violations.add(new Violation(field, "'" + CustomerValidation.abbreviate(text) + "' is not an ISO-8601 instant such as 2026-11-01T10:00:00Z"));
                return null;
            }
        }
    }

    private static String text(JsonNode node, String field, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            violations.add(new Violation(field, "must be a single value"));
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static List<String> list(JsonNode node, String field, List<Violation> violations) {
        JsonNode value = node.get(field);
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isArray()) {
            value.forEach(item -> {
                if (item.isValueNode() && !item.asText().isBlank()) {
                    result.add(item.asText().trim());
                } else {
                    violations.add(new Violation(field, "must hold non-empty strings"));
                }
            });
        } else if (value.isValueNode()) {
            for (String part : value.asText().split("[|,]")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        } else {
            violations.add(new Violation(field, "must be a list"));
        }
        return result;
    }
}
