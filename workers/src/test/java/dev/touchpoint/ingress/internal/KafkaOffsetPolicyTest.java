package dev.touchpoint.ingress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A consumer group that starts at the earliest offset (new group, expired offsets) replays what the topic retains:
 * records within the idempotency window are recognised as duplicates by the router; older ones cannot be, and are
 * refused to the dead-letter topic instead of being routed again.
 */
class KafkaOffsetPolicyTest {

    private static final Instant NOW = Instant.parse("2031-03-04T05:06:07Z");

    @Test
    void recordsOlderThanTheIdempotencyWindowAreRefusedYoungerOnesAreRouted() {
        TestClock clock = new TestClock(NOW);
        Duration window = Duration.ofDays(7);

        assertThat(KafkaIngressConfiguration.olderThan(record(NOW.minus(window).minusSeconds(1)), window, clock)).isTrue();
        assertThat(KafkaIngressConfiguration.olderThan(record(NOW.minus(window).plusSeconds(1)), window, clock)).isFalse();
        assertThat(KafkaIngressConfiguration.olderThan(record(NOW.minus(Duration.ofDays(30))), null, clock))
                .as("durable idempotency switched off: no window to compare with").isFalse();
    }

    private static ConsumerRecord<String, String> record(Instant writtenAt) {
        return new ConsumerRecord<>("t", 0, 0, writtenAt.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0, "k", "{}",
                new RecordHeaders(), java.util.Optional.empty());
    }
}
