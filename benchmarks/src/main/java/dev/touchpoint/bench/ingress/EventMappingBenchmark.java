package dev.touchpoint.bench.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.bench.support.BenchArgs;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.internal.BackpressureRetry;
import dev.touchpoint.ingress.internal.EventParser;
import dev.touchpoint.ingress.internal.EventRoute;
import dev.touchpoint.ingress.internal.EventRouter;
import dev.touchpoint.ingress.internal.EventRoutes;
import dev.touchpoint.ingress.internal.MessagePublisher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events per second the ingress maps, without HTTP and without the engine: the raw JSON bytes read
 * ({@code ObjectMapper.readTree}, as the controller does), each event validated by {@link EventParser} against the
 * real JSON Schema and the routes of {@code config/event-routing.yaml} ({@link EventRoutes}), then routed by
 * {@link EventRouter} to the publish command's fields (message name, correlation key, message id = idempotency key,
 * TTL, variables) through a {@link MessagePublisher} that records them instead of calling the engine. The routes
 * benchmarked carry no {@code context} update, so the customer context store is never touched (none is given).
 *
 * <p>{@code singleEvent}: one event per operation; {@code batchOf50}: one 50-event JSON array per operation (events/s
 * = 50 x ops/s). Event types: {@code customer.signed-up} (correlation {@code customerId}, 3 required data fields) and
 * {@code order.shipped} (correlation {@code data.orderId}, 7 required data fields).
 *
 * <pre>./touchpoint bench micro EventMapping</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EventMappingBenchmark {

    static final int BATCH = 50;

    @Param({"customer.signed-up", "order.shipped"})
    public String eventType;

    private final ObjectMapper json = new ObjectMapper();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private EventParser parser;
    private EventRouter router;
    private byte[] single;
    private byte[] batch;

    /** Keeps the fields of the last publish command instead of sending it. */
    static final class RecordingPublisher implements MessagePublisher {
        long count;
        String name;
        String correlationKey;
        String messageId;
        Duration ttl;
        Map<String, Object> variables;

        @Override
        public long publish(String name, String correlationKey, String messageId, Duration ttl, Map<String, Object> variables) {
            this.name = name;
            this.correlationKey = correlationKey;
            this.messageId = messageId;
            this.ttl = ttl;
            this.variables = variables;
            return ++count;
        }
    }

    @Setup
    public void setUp() throws IOException {
        quietLogging();
        EventRoutes routes = EventRoutes.load(BenchArgs.findRepository().resolve("config/event-routing.yaml"));
        EventRoute route = routes.find(eventType).orElseThrow(() -> new IllegalStateException("no route for " + eventType));
        if (route.context() != EventRoute.ContextAction.NONE || !route.publishes()) {
            throw new IllegalStateException(eventType + " must publish a message without a context update");
        }
        parser = new EventParser(json, routes);
        BackpressureRetry noRetry = new BackpressureRetry(Duration.ofMillis(50), Duration.ofSeconds(2), 1,
                Duration.ofSeconds(5), pause -> {
                    throw new IllegalStateException("the recording publisher never pushes back");
                });
        router = new EventRouter(routes, null, publisher, noRetry);
        IngressEvents signedUp = new IngressEvents(json, "jmh", Instant.parse("2026-11-22T12:00:00Z"));
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            events.add(eventType.equals(IngressEvents.TYPE) ? signedUp.event(i) : orderShipped(i));
        }
        single = signedUp.body(events.subList(0, 1));
        batch = signedUp.body(events);

        // fail fast if the event is not accepted as it is meant to be (a benchmark of a rejection would be meaningless)
        EventOutcome outcome = singleEvent();
        String expectedKey = eventType.equals(IngressEvents.TYPE) ? "bench-0" : "order-0";
        boolean mapped = outcome.status() == EventOutcome.Status.ACCEPTED && route.message().equals(publisher.name)
                && expectedKey.equals(publisher.correlationKey) && route.ttl().equals(publisher.ttl)
                && events.getFirst().get("idempotencyKey").asText().equals(publisher.messageId)
                && "bench-0".equals(publisher.variables.get("customerId"));
        if (!mapped) {
            throw new IllegalStateException("event not mapped as expected: " + outcome + ", published " + publisher.name
                    + " key " + publisher.correlationKey + " id " + publisher.messageId + " ttl " + publisher.ttl);
        }
    }

    @Benchmark
    public EventOutcome singleEvent() throws IOException {
        EventParser.Parsed parsed = parser.parse(json.readTree(single));
        return parsed.valid() ? router.route(parsed.event()) : parsed.rejection();
    }

    @Benchmark
    public void batchOf50(Blackhole blackhole) throws IOException {
        for (JsonNode node : json.readTree(batch)) {
            EventParser.Parsed parsed = parser.parse(node);
            blackhole.consume(parsed.valid() ? router.route(parsed.event()) : parsed.rejection());
        }
    }

    private ObjectNode orderShipped(int i) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "order.shipped");
        event.put("customerId", "bench-" + i);
        event.put("occurredAt", "2026-11-22T12:00:00Z");
        event.put("idempotencyKey", "jmh-order-" + i);
        ObjectNode data = event.putObject("data");
        data.put("orderId", "order-" + i);
        data.put("orderNumber", "A-" + (100_000 + i));
        data.put("carrier", "DHL");
        data.put("trackingNumber", "00340434161094" + String.format("%06d", i));
        data.put("trackingUrl", "https://tracking.example/00340434161094" + i);
        data.put("shippedAt", "2026-11-22T11:30:00Z");
        data.put("estimatedDelivery", "2026-11-24");
        return event;
    }

    /** Without a configuration Logback logs DEBUG to the console: the router's debug lines would be measured. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
