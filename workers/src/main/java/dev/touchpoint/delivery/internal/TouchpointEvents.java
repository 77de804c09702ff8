package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.TouchpointEvent;

import dev.touchpoint.brand.ContentFingerprint;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Publishes the pipeline's {@link TouchpointEvent}s to their listeners (the evidence ledger first) and counts each
 * outcome once every listener accepted it: an outcome whose evidence failed is retried, not counted.
 */
final class TouchpointEvents {

    private final Consumer<TouchpointEvent> listeners;
    private final TouchpointMetrics metrics;
    private final Clock clock;

    TouchpointEvents(Consumer<TouchpointEvent> listeners, TouchpointMetrics metrics, Clock clock) {
        this.listeners = listeners;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The header of an event of this touchpoint, now.
     *
     * @param fingerprint the rendered content's, or null when nothing was rendered (the template's version is used)
     */
    TouchpointEvent.Header header(TouchpointJob job, String key, Channel channel, TemplateDescriptor template,
                                  ContentFingerprint fingerprint) {
        return new TouchpointEvent.Header(job.customerId(), key, job.journey(), job.processInstanceKey(), job.elementId(),
                channel, template.id(),
                fingerprint == null ? template.version() : fingerprint.templateVersion(),
                fingerprint == null ? null : fingerprint.sha256(), clock.instant(), job.engine());
    }

    /** Hands the event to every listener, then counts it; a listener's exception propagates and nothing is counted. */
    void publish(TouchpointEvent event, Channel channel) {
        listeners.accept(event);
        metrics.touchpoint(event, channel);
    }
}
