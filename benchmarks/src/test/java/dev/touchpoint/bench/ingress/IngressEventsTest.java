package dev.touchpoint.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ingress.internal.EventParser;
import dev.touchpoint.ingress.internal.EventRoutes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's events must be what the real parser accepts with the shipped routing, or it measures rejections. */
class IngressEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final IngressEvents events = new IngressEvents(json, "run", Instant.parse("2026-11-22T12:00:00Z"));

    @Test
    void everyEventPassesTheRealSchemaAndRouteAndNamesItsOwnCustomer() throws Exception {
        EventParser parser = new EventParser(json, EventRoutes.load(java.nio.file.Path.of(java.util.Objects.requireNonNull(
                System.getProperty("touchpoint.home"), "touchpoint.home: run through Maven"), "config", "event-routing.yaml")));
        JsonNode batch = json.readTree(events.body(events.range(7, 3)));
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EventParser.Parsed parsed = parser.parse(batch.get(i));
            assertThat(parsed.valid()).as("%s", parsed.rejection()).isTrue();
            assertThat(parsed.event().type()).isEqualTo("customer.signed-up");
            assertThat(parsed.event().customerId()).isEqualTo("bench-" + (7 + i));
            assertThat(parsed.event().idempotencyKey()).isEqualTo("run-" + (7 + i));
        }
    }

    @Test
    void aRedeliveryIsTheSameEventAndOneEventIsSentAsAnObject() throws Exception {
        assertThat(events.body(List.of(events.event(3)))).isEqualTo(events.body(List.of(events.event(3))));
        assertThat(json.readTree(events.body(events.range(3, 1))).isObject()).isTrue();
        assertThat(events.event(3, "other").get("idempotencyKey").asText()).isEqualTo("other");
        assertThat(events.event(3, "other").get("customerId")).isEqualTo(events.event(3).get("customerId"));
    }

    @Test
    void answersAreReadPerEventIndex() throws Exception {
        JsonNode answer = json.readTree("""
                {"accepted": 1, "rejected": 1, "busy": 0, "results": [
                  {"index": 1, "idempotencyKey": "b", "status": "REJECTED", "field": "data.offerCode", "reason": "x"},
                  {"index": 0, "idempotencyKey": "a", "status": "ACCEPTED", "message": "customer.signed-up"},
                  {"index": 7, "status": "ACCEPTED"}]}""");
        assertThat(IngressBenchmark.statuses(answer, 3)).containsExactly("ACCEPTED", "REJECTED", null);
        assertThat(IngressBenchmark.statuses(json.readTree("{\"error\": \"unknown source\"}"), 2)).containsExactly(null, null);
    }

    @Test
    void theDuplicateSampleIsSpreadOverAllAcceptedEvents() {
        List<Long> all = java.util.stream.LongStream.range(0, 10).boxed().toList();
        assertThat(IngressBenchmark.sample(all, 4)).containsExactly(0L, 2L, 5L, 7L);
        assertThat(IngressBenchmark.sample(all, 20)).isEqualTo(all);
    }
}
