package dev.touchpoint.delivery;

import dev.touchpoint.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What this instance saw of one channel's provider since it started, for the console's operations page: accepted and
 * failed sends, when each last happened, the last failure's reason and the provider call's latency.
 */
public record ProviderActivity(Channel channel, long accepted, long failed, Instant lastAcceptedAt, Instant lastFailedAt,
                               String lastFailure, Optional<Duration> medianLatency, Optional<Duration> p95Latency) {
}
