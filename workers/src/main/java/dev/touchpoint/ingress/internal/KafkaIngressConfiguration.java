package dev.touchpoint.ingress.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka inbound adapter ({@code touchpoint.ingress.kafka.enabled=true}): a listener container on the configured
 * topic and consumer group, manual acknowledgement only after the event was handed to Zeebe (ACCEPTED or DUPLICATE).
 * An event that cannot be mapped (not JSON, invalid, no route, unknown customer) goes to the dead-letter topic with
 * the reason in headers, then is acknowledged. Engine backpressure or an unavailable context is not acknowledged: the
 * error handler seeks back and redelivers with exponential backoff, without limit (never dropped).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "touchpoint.ingress.kafka.enabled", havingValue = "true")
class KafkaIngressConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaIngressConfiguration.class);
    static final String REASON_HEADER = "touchpoint-dlt-reason";
    static final String FIELD_HEADER = "touchpoint-dlt-field";

    @Bean
    ConcurrentMessageListenerContainer<String, String> kafkaEventsInbound(ConsumerFactory<String, String> consumers,
                                                                          KafkaTemplate<String, String> template,
                                                                          EventIngress ingress, EventParser parser,
                                                                          ObjectMapper json, IngressProperties properties,
                                                                          org.springframework.beans.factory.ObjectProvider<java.time.Clock> clock) {
        IngressProperties.Kafka kafka = properties.kafka();
        // offsets (ADR-0022): a group without committed offsets starts at the earliest record so no event is lost;
        // what that replays is safe: records within the idempotency window are DUPLICATE, older ones are refused to
        // the dead-letter topic. Keep the topic's retention no longer than the window.
        java.time.Duration window = properties.idempotency().enabled() ? properties.idempotency().window() : null;
        java.time.Clock time = clock.getIfUnique(java.time.Clock::systemUTC);
        ContainerProperties container = new ContainerProperties(kafka.topic());
        container.setGroupId(kafka.groupId());
        container.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        container.getKafkaConsumerProperties().setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        container.getKafkaConsumerProperties().setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        container.setMessageListener((AcknowledgingMessageListener<String, String>) (record, ack) ->
                handle(record, ack, template, ingress, parser, json, kafka.deadLetterTopic(), window, time));
        ConcurrentMessageListenerContainer<String, String> listener = new ConcurrentMessageListenerContainer<>(consumers, container);
        listener.setConcurrency(kafka.concurrency());
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        listener.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        listener.setBeanName("kafkaEventsInbound");
        return listener;
    }

    /** Whether the record was written to Kafka longer than the idempotency window ago (null window: never). */
    static boolean olderThan(ConsumerRecord<String, String> record, java.time.Duration window, java.time.Clock clock) {
        return window != null && record.timestamp() > 0
                && java.time.Instant.ofEpochMilli(record.timestamp()).isBefore(clock.instant().minus(window));
    }

    static void handle(ConsumerRecord<String, String> record, Acknowledgment ack, KafkaTemplate<String, String> template,
                       EventIngress ingress, EventParser parser, ObjectMapper json, String deadLetterTopic) {
        handle(record, ack, template, ingress, parser, json, deadLetterTopic, null, java.time.Clock.systemUTC());
    }

    static void handle(ConsumerRecord<String, String> record, Acknowledgment ack, KafkaTemplate<String, String> template,
                       EventIngress ingress, EventParser parser, ObjectMapper json, String deadLetterTopic,
                       java.time.Duration window, java.time.Clock clock) {
        EventOutcome outcome;
        try {
            JsonNode node = record.value() == null ? null : json.readTree(record.value());
            EventParser.Parsed parsed = parser.parse(node);
            outcome = !parsed.valid() ? parsed.rejection()
                    : olderThan(record, window, clock) ? EventOutcome.rejected(parsed.event().idempotencyKey(), "$",
                            "the record is older than the idempotency window (" + window + "): a redelivery that old could not be"
                                    + " recognised; publish it again with a new idempotency key if it is meant")
                    : ingress.submit(parsed.event(), "kafka:" + record.topic());
        } catch (java.io.IOException e) {
            outcome = EventOutcome.rejected(null, "$", "not valid JSON");
        }
        switch (outcome.status()) {
            case ACCEPTED, DUPLICATE -> ack.acknowledge();
            case REJECTED -> {
                ProducerRecord<String, String> dead = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
                dead.headers().add(REASON_HEADER, String.valueOf(outcome.reason()).getBytes(StandardCharsets.UTF_8));
                dead.headers().add(FIELD_HEADER, String.valueOf(outcome.field()).getBytes(StandardCharsets.UTF_8));
                dead.headers().add("touchpoint-dlt-origin",
                        (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
                template.send(dead).join();
                log.warn("Kafka event {}-{}@{} sent to {}: {} {}", record.topic(), record.partition(), record.offset(),
                        deadLetterTopic, outcome.field(), outcome.reason());
                ack.acknowledge();
            }
            case BUSY -> throw new IllegalStateException("not handed to the engine (" + outcome.reason() + "); redelivered after backoff");
        }
    }
}
