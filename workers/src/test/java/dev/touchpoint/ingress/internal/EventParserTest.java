package dev.touchpoint.ingress.internal;

import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventParser parser = new EventParser(json, EventRoutes.parse(new ByteArrayInputStream("""
            routes:
              order.shipped:
                message: order.shipped
                correlation: data.orderId
              order.placed:
                message: order.placed
            """.getBytes(StandardCharsets.UTF_8)), "test"));

    private EventParser.Parsed parse(String event) throws Exception {
        return parser.parse(json.readTree(event));
    }

    @Test
    void aValidEventBecomesAnIngressEvent() throws Exception {
        EventParser.Parsed parsed = parse("{\"type\":\"order.shipped\",\"customerId\":\"c-1\",\"occurredAt\":\"2026-11-22T10:00:00+01:00\","
                + "\"idempotencyKey\":\"k-1\",\"data\":{\"orderId\":\"o-9\",\"carrier\":\"DHL\"}}");
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.event().occurredAt()).hasToString("2026-11-22T09:00:00Z");
        assertThat(parsed.event().data()).containsEntry("orderId", "o-9");
    }

    @Test
    void eachKindOfBadEventNamesItsField() throws Exception {
        assertThat(field("{\"customerId\":\"c\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\"}")).isEqualTo("type");
        assertThat(field("{\"type\":\"Order\",\"customerId\":\"c\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\"}")).isEqualTo("type");
        assertThat(field("{\"type\":\"order.placed\",\"customerId\":\"\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\"}")).isEqualTo("customerId");
        assertThat(field("{\"type\":\"order.placed\",\"customerId\":\"c\",\"occurredAt\":\"10 o'clock\",\"idempotencyKey\":\"k\"}")).isEqualTo("occurredAt");
        // line breaks and markup in ids would reach logs, message ids and correlation keys
        assertThat(field("{\"type\":\"order.placed\",\"customerId\":\"a\\r\\nb\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\"}")).isEqualTo("customerId");
        assertThat(field("{\"type\":\"order.placed\",\"customerId\":\"<script>\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\"}")).isEqualTo("customerId");
        assertThat(field("{\"type\":\"order.placed\",\"customerId\":\"c\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\\nINFO forged\"}")).isEqualTo("idempotencyKey");
        assertThat(field("{\"type\":\"order.placed\",\"customerId\":\"c\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\",\"extra\":1}")).isEqualTo("extra");
        assertThat(field("{\"type\":\"order.shipped\",\"customerId\":\"c\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\",\"data\":{\"orderId\":{\"a\":1}}}")).isEqualTo("data.orderId");
        assertThat(field("{\"type\":\"order.unknown\",\"customerId\":\"c\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"k\"}")).isEqualTo("type");
        assertThat(field("[1]")).isEqualTo("$");
    }

    private String field(String event) throws Exception {
        EventParser.Parsed parsed = parse(event);
        assertThat(parsed.valid()).as(event).isFalse();
        assertThat(parsed.rejection().reason()).isNotBlank();
        return parsed.rejection().field();
    }

    @Test
    void thePublishedSchemaInDocsIsTheOneTheApplicationEnforces() throws Exception {
        Path docs = Path.of(RepositoryPaths.home()).resolve("docs/events.schema.json");
        try (InputStream bundled = EventParser.class.getResourceAsStream(EventParser.SCHEMA_RESOURCE)) {
            assertThat(new String(bundled.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(docs));
        }
    }
}
