package dev.touchpoint.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.DeliveryStatusUpdate;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.ingress.internal.MessagePublisher;
import dev.touchpoint.ingress.internal.SourceAuthenticator;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The event ingress on the whole application: real journeys on the embedded engine, HTTP on a random loopback port,
 * and an embedded Kafka broker on loopback for the Kafka adapter and its dead-letter topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 1, topics = {EventIngressIT.TOPIC, EventIngressIT.DLT},
        brokerProperties = {"listeners=PLAINTEXT://127.0.0.1:0", "auto.create.topics.enable=false"})
class EventIngressIT {

    static final String TOPIC = "it.events";
    static final String DLT = "it.events.dlt";
    static final String KEY = "it-shop-key";
    static final String SECRET = "it-shop-hmac-secret";

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry,
                "touchpoint.ingress.sources.shop.api-keys=old-rotated-key," + KEY,
                "touchpoint.ingress.sources.shop.hmac-secrets=" + SECRET,
                "touchpoint.ingress.backpressure.initial-backoff=5ms",
                "touchpoint.ingress.backpressure.max-backoff=20ms",
                "touchpoint.ingress.backpressure.attempts=4",
                "touchpoint.ingress.backpressure.retry-after=7s",
                "touchpoint.ingress.kafka.enabled=true",
                "touchpoint.ingress.kafka.topic=" + TOPIC,
                "touchpoint.ingress.kafka.dead-letter-topic=" + DLT,
                "touchpoint.ingress.kafka.group-id=it-ingress");
        registry.add("spring.kafka.bootstrap-servers", () -> System.getProperty("spring.embedded.kafka.brokers"));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort int port;
    @Autowired CustomerContextStore customers;
    @Autowired EngineRuntime engine;
    @Autowired ObjectMapper json;
    @Autowired EmbeddedKafkaBroker kafka;
    @MockitoSpyBean MessagePublisher publisher;
    @Autowired TrackingLinks trackingLinks;
    @Autowired org.springframework.context.ApplicationEventPublisher events;

    EngineRecords records;

    @BeforeEach
    void records() {
        records = EngineRecords.of(engine);
    }

    @AfterAll
    static void close() {
        HTTP.close();
    }

    @Test
    void aBatchWithGoodAndBadEventsPassesTheGoodOnesAndNamesTheFieldOfEachBadOne() throws Exception {
        String good = customer();
        String key = UUID.randomUUID().toString();
        String body = "[" + signedUp(good, key) + ","
                + "{\"type\":\"customer.signed-up\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"b-1\",\"data\":{}},"
                + "{\"type\":\"order.shipped\",\"customerId\":\"" + good + "\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"b-2\",\"data\":{\"carrier\":\"DHL\"}},"
                + "{\"type\":\"no.such-event\",\"customerId\":\"" + good + "\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"idempotencyKey\":\"b-3\"},"
                + "{\"type\":\"order.placed\",\"customerId\":\"" + good + "\",\"occurredAt\":\"yesterday\",\"idempotencyKey\":\"b-4\"}"
                + "]";

        HttpResponse<String> response = post(body, Map.of("X-Touchpoint-Api-Key", KEY));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode results = json.readTree(response.body()).get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(results.get(0).get("message").asText()).isEqualTo("customer.signed-up");
        assertThat(rejection(results.get(1))).isEqualTo("REJECTED customerId");
        assertThat(rejection(results.get(2))).isEqualTo("REJECTED data.orderId");
        assertThat(rejection(results.get(3))).isEqualTo("REJECTED type");
        assertThat(rejection(results.get(4))).isEqualTo("REJECTED occurredAt");
        assertThat(results.get(2).get("reason").asText()).contains("required");
        await().until(() -> records.instanceFor("welcome", good).isPresent());
    }

    @Test
    void aSingleBadEventIs400WithFieldAndReason() throws Exception {
        HttpResponse<String> response = post("{\"type\":\"order.placed\",\"customerId\":\"c\",\"idempotencyKey\":\"k\"}",
                Map.of("X-Touchpoint-Api-Key", KEY));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode result = json.readTree(response.body()).get("results").get(0);
        assertThat(result.get("field").asText()).isEqualTo("occurredAt");
        assertThat(result.get("reason").asText()).contains("required");
    }

    @Test
    void theSameEventPostedTwiceCorrelatesOnce() throws Exception {
        String customer = customer();
        String event = signedUp(customer, "signup-" + customer);

        HttpResponse<String> first = post(event, Map.of("X-Touchpoint-Api-Key", KEY));
        HttpResponse<String> second = post(event, Map.of("X-Touchpoint-Api-Key", KEY));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(status(first)).isEqualTo("ACCEPTED");
        assertThat(status(second)).isEqualTo("DUPLICATE");
        long instance = await().until(() -> records.instanceFor("welcome", customer), java.util.Optional::isPresent).orElseThrow();
        await().until(() -> records.elementActivated(instance, "wait-for-app-install"));
        assertThat(welcomeInstancesOf(customer)).isEqualTo(1);
    }

    @Test
    void anEventWithNoWaitingJourneyIsBufferedForItsTtlAndCorrelatesWhenTheJourneyReachesTheWait() throws Exception {
        String customer = customer();
        // the app is installed before the welcome journey exists: nothing waits for app.installed yet
        HttpResponse<String> installed = post(event("app.installed", customer, "app-" + customer, "{}"), Map.of("X-Touchpoint-Api-Key", KEY));
        assertThat(status(installed)).isEqualTo("ACCEPTED");

        post(signedUp(customer, "signup-" + customer), Map.of("X-Touchpoint-Api-Key", KEY));

        long instance = await().until(() -> records.instanceFor("welcome", customer), java.util.Optional::isPresent).orElseThrow();
        await().until(() -> records.elementCompleted(instance, "app-installed"));
        assertThat(records.elementCompleted(instance, "two-days-without-app")).isFalse();
    }

    @Test
    void consentEventsUpdateTheContextAndHmacSignedRequestsAreAccepted() throws Exception {
        String customer = customer();
        String body = event("consent.changed", customer, "consent-" + customer,
                "{\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"granted\",\"source\":\"preference-center\"}");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        long now = Instant.now().getEpochSecond();
        HttpResponse<String> response = post(body, Map.of("X-Touchpoint-Timestamp", Long.toString(now),
                "X-Touchpoint-Signature", SourceAuthenticator.signature(SECRET, now, bytes)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(customers.findContext(customer).orElseThrow().consent(Channel.SMS, Purpose.MARKETING)
                .map(ConsentRecord::status)).contains(ConsentStatus.GRANTED);
    }

    @Test
    void unauthenticatedOrTamperedRequestsAre401AndChangeNothing() throws Exception {
        String customer = customer();
        String body = signedUp(customer, "signup-" + customer);
        long now = Instant.now().getEpochSecond();
        String signature = SourceAuthenticator.signature(SECRET, now, body.getBytes(StandardCharsets.UTF_8));
        long tenMinutesAgo = now - 600;
        String stale = SourceAuthenticator.signature(SECRET, tenMinutesAgo, body.getBytes(StandardCharsets.UTF_8));

        assertThat(post(body, Map.of()).statusCode()).isEqualTo(401);
        assertThat(post(body, Map.of("X-Touchpoint-Api-Key", "guess")).statusCode()).isEqualTo(401);
        assertThat(post(body.replace("WELCOME", "WELCOMX"), Map.of("X-Touchpoint-Timestamp", Long.toString(now),
                "X-Touchpoint-Signature", signature)).statusCode()).isEqualTo(401);
        assertThat(post(body, Map.of("X-Touchpoint-Timestamp", Long.toString(tenMinutesAgo), "X-Touchpoint-Signature", stale))
                .statusCode()).as("a captured request replayed after the replay window").isEqualTo(401);
        assertThat(post(body, Map.of("X-Touchpoint-Timestamp", Long.toString(now), "X-Touchpoint-Signature", stale))
                .statusCode()).as("an old signature under a fresh timestamp").isEqualTo(401);
        assertThat(post(body, Map.of("X-Touchpoint-Signature", SourceAuthenticator.signature(SECRET, body.getBytes(StandardCharsets.UTF_8))))
                .statusCode()).as("the untimestamped signature, for a source without legacy-signatures").isEqualTo(401);
        assertThat(welcomeInstancesOf(customer)).isZero();
        // the rotated-out key still works until removed from the list
        assertThat(post(body, Map.of("X-Touchpoint-Api-Key", "old-rotated-key")).statusCode()).isEqualTo(202);
    }

    /**
     * A context-only route (check-out) and a redelivery long after the engine's message expired: the customer checked
     * in, then out; the check-in delivered again must not put them back into the store, nor be routed again at all.
     */
    @Test
    void aRedeliveredEventIsADuplicateForEveryRouteAndLongAfterItsMessageExpired() throws Exception {
        String customer = customer();
        String checkIn = event("store.checked-in", customer, "in-" + customer,
                "{\"storeId\":\"berlin-mitte\",\"storeName\":\"Berlin Mitte\",\"offerCode\":\"STORE5\",\"offerPercent\":5}");
        String checkOut = event("store.checked-out", customer, "out-" + customer, "{\"storeId\":\"berlin-mitte\"}");
        assertThat(status(post(checkIn, Map.of("X-Touchpoint-Api-Key", KEY)))).isEqualTo("ACCEPTED");
        assertThat(status(post(checkOut, Map.of("X-Touchpoint-Api-Key", KEY)))).isEqualTo("ACCEPTED");
        assertThat(customers.findContext(customer).orElseThrow().presence()).isEmpty();
        engine.clock().orElseThrow().advance(Duration.ofMinutes(11)); // the check-in message (TTL 10 minutes) is gone

        assertThat(status(post(checkIn, Map.of("X-Touchpoint-Api-Key", KEY)))).isEqualTo("DUPLICATE");
        assertThat(status(post(checkOut, Map.of("X-Touchpoint-Api-Key", KEY)))).as("context-only route").isEqualTo("DUPLICATE");
        assertThat(customers.findContext(customer).orElseThrow().presence()).as("still checked out").isEmpty();
        verify(publisher, times(1)).publish(eq("store.checked-in"), eq(customer), any(), any(), any());
    }

    @Test
    void engineBackpressureIsRetriedThenAnswered503WithRetryAfterAndTheEventGoesThroughWhenRetried() throws Exception {
        String customer = customer();
        String body = signedUp(customer, "signup-" + customer);
        doThrow(new MessagePublisher.EngineBackpressureException("RESOURCE_EXHAUSTED (test)", null))
                .when(publisher).publish(eq("customer.signed-up"), eq(customer), any(), any(), any());
        try {
            HttpResponse<String> busy = post(body, Map.of("X-Touchpoint-Api-Key", KEY));

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).contains("7");
            assertThat(status(busy)).isEqualTo("BUSY");
            verify(publisher, times(4)).publish(eq("customer.signed-up"), eq(customer), any(), any(), any());
        } finally {
            reset(publisher);
        }
        HttpResponse<String> retried = post(body, Map.of("X-Touchpoint-Api-Key", KEY));
        assertThat(status(retried)).isEqualTo("ACCEPTED");
        await().until(() -> records.instanceFor("welcome", customer).isPresent());
    }

    @Test
    void kafkaEventsReachTheEngineAndPoisonEventsLandInTheDeadLetterTopic() throws Exception {
        String customer = customer();
        Map<String, Object> producerProps = KafkaTestUtils.producerProps(kafka);
        var producers = new DefaultKafkaProducerFactory<String, String>(producerProps,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
        try {
            KafkaTemplate<String, String> template = new KafkaTemplate<>(producers);
            template.send(new ProducerRecord<>(TOPIC, customer, "{not json")).get();
            template.send(new ProducerRecord<>(TOPIC, customer, event("no.such-event", customer, "poison-" + customer, "{}"))).get();
            template.send(new ProducerRecord<>(TOPIC, customer, signedUp(customer, "kafka-" + customer))).get();
            template.send(new ProducerRecord<>(TOPIC, customer, signedUp(customer, "kafka-" + customer))).get();
        } finally {
            producers.destroy();
        }

        await().until(() -> records.instanceFor("welcome", customer).isPresent());

        Map<String, Object> consumerProps = KafkaTestUtils.consumerProps("it-dlt-reader", "false", kafka);
        consumerProps.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<String, String>(consumerProps,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())
                .createConsumer()) {
            kafka.consumeFromAnEmbeddedTopic(consumer, DLT);
            List<ConsumerRecord<String, String>> dead = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(dead::add);
                return dead.stream().filter(r -> customer.equals(r.key())).count() >= 2;
            });
            List<String> reasons = dead.stream().filter(r -> customer.equals(r.key()))
                    .map(r -> new String(r.headers().lastHeader("touchpoint-dlt-field").value(), StandardCharsets.UTF_8)).toList();
            assertThat(reasons).containsExactlyInAnyOrder("$", "type");
        }
        // the redelivered (same idempotency key) Kafka event did not start a second welcome
        await().during(Duration.ofMillis(500)).until(() -> welcomeInstancesOf(customer) == 1);
        // recognised by the durable idempotency record of the source before the engine is asked again
        verify(publisher, times(1)).publish(eq("customer.signed-up"), eq(customer), any(), any(), any());
    }

    @Test
    void signedPixelAndClickLinksBecomeEventsAndATamperedLinkRedirectsNowhere() throws Exception {
        String customer = customer();
        String pixel = trackingLinks.openPixelPath(customer, "msg-" + customer);
        String click = trackingLinks.clickPath(customer, "msg-" + customer, "https://shop.example.com/offer");

        HttpResponse<byte[]> opened = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pixel)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Type")).contains("image/gif");
        HttpResponse<String> clicked = get(click);
        assertThat(clicked.statusCode()).isEqualTo(302);
        assertThat(clicked.headers().firstValue("Location")).contains("https://shop.example.com/offer");
        verify(publisher).publish(eq("email.opened"), eq(customer), eq("open:msg-" + customer), any(), any());
        verify(publisher).publish(eq("link.clicked"), eq(customer), any(), any(), any());

        String token = click.substring(TrackingLinks.CLICK_PREFIX.length());
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("https://shop.example.com/offer", "https://evil.example.net/").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        HttpResponse<String> refused = get(TrackingLinks.CLICK_PREFIX + forged);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(get(TrackingLinks.CLICK_PREFIX + "x" + token).statusCode()).isEqualTo(404);
        assertThat(get(TrackingLinks.OPEN_PREFIX + "x" + token + ".gif").statusCode()).isEqualTo(404);
        verify(publisher, times(1)).publish(eq("link.clicked"), eq(customer), any(), any(), any());
    }

    @Test
    void adapterEventsEnterThroughTheRoutingOnceEachAndUnroutedStatusesStayOut() {
        String customer = customer();
        Instant now = Instant.now();
        KioskOfferAccepted accepted = new KioskOfferAccepted("tp-" + customer, customer, "kiosk-msg-" + customer, "store-1",
                "kiosk-1", now);
        events.publishEvent(accepted);
        events.publishEvent(accepted); // the kiosk resends its event: correlated once
        DeliveryStatusUpdate undelivered = new DeliveryStatusUpdate(Channel.SMS, "SM" + customer, DeliveryStatus.UNDELIVERED,
                "undelivered", now, "30003", FailureReason.UNREACHABLE, "tp-sms-" + customer, customer);
        events.publishEvent(new DeliveryStatusReported(undelivered));
        events.publishEvent(new DeliveryStatusReported(undelivered)); // Twilio repeats a callback
        events.publishEvent(new DeliveryStatusReported(new DeliveryStatusUpdate(Channel.SMS, "SM2" + customer,
                DeliveryStatus.DELIVERED, "delivered", now, null, null, null, customer)));

        // a late failure is correlated by the provider's message id: the journey that sent it waits for exactly that one
        await().until(() -> records.messagesPublished("kiosk.offer-accepted", customer) == 1
                && records.messagesPublished("message.failed", "SM" + customer) == 1);
        assertThat(records.messagesPublished("kiosk.offer-accepted", customer)).isEqualTo(1);
        assertThat(records.messagesPublished("message.failed", "SM" + customer)).isEqualTo(1);
        assertThat(records.messagesPublished("message.delivered", customer)).as("no route: not published").isZero();
    }

    // --- helpers ---

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String customer() {
        String id = "ingress-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(CustomerProfile.of(id).withEmail(id + "@example.com"));
        return id;
    }

    private static String signedUp(String customer, String key) {
        return event("customer.signed-up", customer, key,
                "{\"offerCode\":\"WELCOME15\",\"offerPercent\":15,\"offerExpires\":\"2026-12-31\"}");
    }

    private static String event(String type, String customer, String key, String data) {
        return "{\"type\":\"" + type + "\",\"customerId\":\"" + customer + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"idempotencyKey\":\"" + key + "\",\"data\":" + data + "}";
    }

    private HttpResponse<String> post(String body, Map<String, String> auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Touchpoint-Source", "shop")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        auth.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String status(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).get("results").get(0).get("status").asText();
    }

    private static String rejection(JsonNode result) {
        return result.get("status").asText() + " " + result.get("field").asText();
    }

    private long welcomeInstancesOf(String customer) {
        String value = "\"" + customer + "\"";
        return StreamSupport.stream(engine.records().orElseThrow().all().spliterator(), false)
                .filter(r -> r.getRecordType() == RecordType.EVENT && r.getValueType() == ValueType.VARIABLE
                        && r.getIntent() == VariableIntent.CREATED)
                .map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getBpmnProcessId().equals("welcome") && v.getName().equals("customerId")
                        && v.getValue().equals(value) && v.getScopeKey() == v.getProcessInstanceKey())
                .count();
    }
}
