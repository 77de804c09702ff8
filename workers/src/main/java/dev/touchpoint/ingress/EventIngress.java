package dev.touchpoint.ingress;

import org.springframework.integration.annotation.MessagingGateway;

/**
 * The entry of the ingress flow ({@code ingressEventsFlow}): every source (HTTP, Kafka, tracking links, other modules)
 * hands validated events here. Synchronous: when this returns ACCEPTED or DUPLICATE the engine has the message.
 */
@MessagingGateway(name = "eventIngress", defaultRequestChannel = EventIngress.CHANNEL)
public interface EventIngress {

    /** The input channel of {@code ingressEventsFlow}. */
    String CHANNEL = "ingressEvents";

    /** Routes one event; never throws for a bad event (REJECTED) or engine backpressure (BUSY). */
    EventOutcome submit(IngressEvent event);
}
