package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.TouchpointEvent;

import dev.touchpoint.delivery.ProviderActivity;

import dev.touchpoint.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The business metrics of the touchpoint pipeline (ADR-0025), for Prometheus ({@code /actuator/prometheus}) and the
 * web console's operations page:
 * <ul>
 *   <li>{@value #TOUCHPOINTS} (counter; tags {@code channel}, {@code outcome}, {@code reason}): every outcome the
 *       pipeline recorded as evidence (SENT, UNCONFIRMED, SUPPRESSED, DEFERRED, UNDELIVERABLE, RETRY_SCHEDULED),
 *       counted once its evidence is committed;</li>
 *   <li>{@value #DECISIONS} (counter; tags {@code channel}, {@code decision}, {@code reason}): every answer of the
 *       customer context's decision (SEND, SUPPRESS, DEFER), replays of a decided key included;</li>
 *   <li>{@value #PROVIDER_LATENCY} (timer with a histogram and the 50th/95th percentiles; tags {@code channel},
 *       {@code result}: accepted, retryable, permanent, misconfigured, error): each provider call.</li>
 * </ul>
 * Tag values are bounded: channels and outcomes are enums, reasons are the taxonomy's names (anything else is counted
 * as {@code OTHER}); no customer, template or campaign id is a tag. Without a registry only the provider activity
 * of this instance is kept.
 */
public final class TouchpointMetrics {

    public static final String TOUCHPOINTS = "touchpoint.touchpoints";
    public static final String DECISIONS = "touchpoint.decisions";
    public static final String PROVIDER_LATENCY = "touchpoint.provider.latency";

    private static final Pattern REASON = Pattern.compile("[A-Z0-9_]{1,48}");

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Channel, Activity> activity = new EnumMap<>(Channel.class);

    /** @param meters the registry, or null to keep only the provider activity */
    public TouchpointMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        for (Channel channel : Channel.values()) {
            activity.put(channel, new Activity());
        }
    }

    /**
     * An event whose evidence was recorded: every outcome is counted under its kind and reason; SENDING is not an
     * outcome and is not counted.
     */
    void touchpoint(TouchpointEvent event, Channel channel) {
        switch (event) {
            case TouchpointEvent.Sending sending -> {
                // the attempt's start: its outcome follows and is counted then
            }
            case TouchpointEvent.Sent sent -> touchpoint(event.kind(), channel, null);
            case TouchpointEvent.Unconfirmed unconfirmed -> touchpoint(event.kind(), channel, unconfirmed.reason());
            case TouchpointEvent.Suppressed suppressed -> touchpoint(event.kind(), channel, suppressed.reason());
            case TouchpointEvent.Deferred deferred -> touchpoint(event.kind(), channel, deferred.reason());
            case TouchpointEvent.Undeliverable undeliverable -> touchpoint(event.kind(), channel, undeliverable.reason());
            case TouchpointEvent.RetryScheduled retry -> touchpoint(event.kind(), channel, retry.reason());
        }
    }

    /** An outcome whose evidence was recorded. */
    void touchpoint(String outcome, Channel channel, String reason) {
        if (meters != null) {
            Counter.builder(TOUCHPOINTS).description("Touchpoints by channel, outcome and reason (as recorded in the evidence ledger)")
                    .tag("channel", channel(channel)).tag("outcome", outcome).tag("reason", reason(reason))
                    .register(meters).increment();
        }
    }

    /** The customer context's answer for one touchpoint. */
    void decision(Channel channel, String decision, String reason) {
        if (meters != null) {
            Counter.builder(DECISIONS).description("Touchpoint decisions of the customer context by channel, decision and reason")
                    .tag("channel", channel(channel)).tag("decision", decision).tag("reason", reason(reason))
                    .register(meters).increment();
        }
    }

    /** One provider call that took {@code nanos}; {@code failure} is the failure reason, null when accepted. */
    void providerCall(Channel channel, long nanos, String result, String failure) {
        if (meters != null) {
            Timer.builder(PROVIDER_LATENCY).description("Provider calls by channel and result")
                    .tag("channel", channel(channel)).tag("result", result)
                    .publishPercentileHistogram().publishPercentiles(0.5, 0.95)
                    .register(meters).record(nanos, TimeUnit.NANOSECONDS);
        }
        activity.get(channel).record(clock.instant(), failure);
    }


    /** The provider activity of a channel since this instance started; latency percentiles over the last minutes. */
    public ProviderActivity providerActivity(Channel channel) {
        Activity a = activity.get(channel);
        Optional<Duration> median = Optional.empty();
        Optional<Duration> p95 = Optional.empty();
        if (meters != null) {
            Timer timer = meters.find(PROVIDER_LATENCY).tag("channel", channel(channel)).tag("result", "accepted").timer();
            if (timer != null && timer.count() > 0) {
                for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
                    Duration d = Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS));
                    if (value.percentile() == 0.5) {
                        median = Optional.of(d);
                    } else if (value.percentile() == 0.95) {
                        p95 = Optional.of(d);
                    }
                }
            }
        }
        Failure last = a.lastFailure.get();
        return new ProviderActivity(channel, a.accepted.get(), a.failed.get(), a.lastAcceptedAt.get(),
                last == null ? null : last.at(), last == null ? null : last.reason(), median, p95);
    }

    private static String channel(Channel channel) {
        return channel == null ? "none" : channel.name().toLowerCase(Locale.ROOT);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "none";
        }
        return REASON.matcher(reason).matches() ? reason : "OTHER";
    }

    private record Failure(Instant at, String reason) {
    }

    private static final class Activity {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<Instant> lastAcceptedAt = new AtomicReference<>();
        final AtomicReference<Failure> lastFailure = new AtomicReference<>();

        void record(Instant at, String failure) {
            if (failure == null) {
                accepted.incrementAndGet();
                lastAcceptedAt.set(at);
            } else {
                failed.incrementAndGet();
                lastFailure.set(new Failure(at, failure));
            }
        }
    }
}
