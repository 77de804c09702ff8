package dev.touchpoint.bench.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.bench.support.BenchCustomers;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the ingress benchmark sends: {@code customer.signed-up} (route: message {@code customer.signed-up},
 * correlation {@code customerId}, required data offerCode, offerPercent, offerExpires), which starts the
 * {@code welcome} journey at its message start event. Event {@code n} is a pure function of the run and {@code n}, so
 * a redelivery is byte for byte the event first sent.
 *
 * <p>Every event names another customer ({@code bench-<n>}): a message start event admits one active instance per
 * correlation key, and with the job workers off every welcome instance stays active, so a second event for the same
 * customer would be buffered instead of starting an instance and "correlated" could not be counted per event.
 */
final class IngressEvents {

    static final String TYPE = "customer.signed-up";
    static final String MESSAGE = "customer.signed-up";
    static final String PROCESS = "welcome";

    private final ObjectMapper json;
    private final String run;
    private final Instant base;
    private final String offerExpires;

    IngressEvents(ObjectMapper json, String run, Instant base) {
        this.json = json;
        this.run = run;
        this.base = base;
        this.offerExpires = LocalDate.ofInstant(base, ZoneOffset.UTC).plusDays(30).toString();
    }

    String customerId(long n) {
        return BenchCustomers.id(n);
    }

    String idempotencyKey(long n) {
        return run + "-" + n;
    }

    /** Event {@code n} with its own idempotency key. */
    ObjectNode event(long n) {
        return event(n, idempotencyKey(n));
    }

    /** Event {@code n} under another idempotency key (a new event for the same customer). */
    ObjectNode event(long n, String idempotencyKey) {
        ObjectNode event = json.createObjectNode();
        event.put("type", TYPE);
        event.put("customerId", customerId(n));
        event.put("occurredAt", base.plusMillis(n).toString());
        event.put("idempotencyKey", idempotencyKey);
        ObjectNode data = event.putObject("data");
        data.put("offerCode", "WELCOME15");
        data.put("offerPercent", 15);
        data.put("offerExpires", offerExpires);
        return event;
    }

    /** The body of one request: a single object for one event, else an array, in the order of {@code events}. */
    byte[] body(List<ObjectNode> events) {
        JsonNode body;
        if (events.size() == 1) {
            body = events.getFirst();
        } else {
            ArrayNode array = json.createArrayNode();
            events.forEach(array::add);
            body = array;
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events {@code first ... first + size - 1}. */
    List<ObjectNode> range(long first, int size) {
        List<ObjectNode> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(event(first + i));
        }
        return events;
    }
}
