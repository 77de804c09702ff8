package dev.touchpoint.delivery.internal;


import dev.touchpoint.delivery.ProviderActivity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TouchpointMetricsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void countsTouchpointsAndDecisionsWithBoundedTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TouchpointMetrics metrics = new TouchpointMetrics(registry, clock);

        metrics.touchpoint("SUPPRESSED", Channel.SMS, "NO_CONSENT");
        metrics.touchpoint("SUPPRESSED", Channel.SMS, "NO_CONSENT");
        metrics.touchpoint("UNDELIVERABLE", Channel.EMAIL, "mailbox kim@example.com is full"); // free text: never a tag
        metrics.touchpoint("SENT", null, null);
        metrics.decision(Channel.PUSH, "DEFER", "QUIET_HOURS");

        assertThat(registry.get(TouchpointMetrics.TOUCHPOINTS).tags("channel", "sms", "outcome", "SUPPRESSED", "reason", "NO_CONSENT")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(TouchpointMetrics.TOUCHPOINTS).tags("channel", "email", "reason", "OTHER").counter().count()).isEqualTo(1);
        assertThat(registry.get(TouchpointMetrics.TOUCHPOINTS).tags("channel", "none", "outcome", "SENT", "reason", "none")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(TouchpointMetrics.DECISIONS).tags("channel", "push", "decision", "DEFER", "reason", "QUIET_HOURS")
                .counter().count()).isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString()).doesNotContain("@"));
    }

    @Test
    void providerCallsFeedTheLatencyTimerAndThePerChannelActivity() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TouchpointMetrics metrics = new TouchpointMetrics(registry, clock);

        metrics.providerCall(Channel.EMAIL, TimeUnit.MILLISECONDS.toNanos(40), "accepted", null);
        metrics.providerCall(Channel.EMAIL, TimeUnit.MILLISECONDS.toNanos(60), "retryable", "PROVIDER_UNAVAILABLE");

        assertThat(registry.get(TouchpointMetrics.PROVIDER_LATENCY).tags("channel", "email", "result", "accepted").timer().count())
                .isEqualTo(1);
        ProviderActivity email = metrics.providerActivity(Channel.EMAIL);
        assertThat(email.accepted()).isEqualTo(1);
        assertThat(email.failed()).isEqualTo(1);
        assertThat(email.lastFailure()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(email.lastFailedAt()).isEqualTo(clock.instant());
        assertThat(email.medianLatency()).isPresent();
        assertThat(metrics.providerActivity(Channel.SMS).accepted()).isZero();
    }

    @Test
    void withoutARegistryOnlyTheActivityIsKept() {
        TouchpointMetrics metrics = new TouchpointMetrics(null, clock);
        metrics.touchpoint("SENT", Channel.SMS, null);
        metrics.providerCall(Channel.SMS, 1_000, "accepted", null);
        assertThat(metrics.providerActivity(Channel.SMS).accepted()).isEqualTo(1);
        assertThat(metrics.providerActivity(Channel.SMS).medianLatency()).isEmpty();
    }
}
