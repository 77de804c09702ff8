package dev.touchpoint.ingress;

import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.messaging.handler.annotation.Header;

/**
 * The entry of the ingress flow ({@code ingressEventsFlow}): every source (HTTP, Kafka, tracking links, other modules)
 * hands validated events here. Synchronous: when this returns ACCEPTED or DUPLICATE the engine has the message.
 */
@MessagingGateway(name = "eventIngress", defaultRequestChannel = EventIngress.CHANNEL)
public interface EventIngress {

    /** The input channel of {@code ingressEventsFlow}. */
    String CHANNEL = "ingressEvents";

    /** The message header naming the event's source (its idempotency keys are unique per source). */
    String SOURCE_HEADER = "touchpointEventSource";

    /** Routes one event; never throws for a bad event (REJECTED) or engine backpressure (BUSY). */
    EventOutcome submit(IngressEvent event);

    /**
     * Routes one event of a named source (an authenticated HTTP source, {@code kafka}, {@code tracking}): a redelivery
     * of an event the same source handed over within the idempotency window is DUPLICATE (ADR-0022).
     */
    EventOutcome submit(IngressEvent event, @Header(SOURCE_HEADER) String source);
}
