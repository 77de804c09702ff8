package dev.touchpoint.ingress.internal;

import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentUpdate;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.UnknownCustomerException;
import dev.touchpoint.ingress.EngineBusyException;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of the ingress flow: applies the route of an event. The customer-context update comes first (a consent
 * event is on disk before any journey can act on it; a check-in makes the kiosk reachable before the store-visit
 * journey decides), then the Zeebe message with {@code messageId} = the event's idempotency key, so a redelivered
 * event is not correlated twice while the first message lives (its TTL).
 */
public class EventRouter {

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

    private final EventRoutes routes;
    private final CustomerContextStore context;
    private final MessagePublisher publisher;
    private final BackpressureRetry retry;
    private final IngressIdempotency seen;

    public EventRouter(EventRoutes routes, CustomerContextStore context, MessagePublisher publisher, BackpressureRetry retry) {
        this(routes, context, publisher, retry, null);
    }

    /** @param seen the durable record of events handed over per source; null: only the engine's message ids dedupe */
    public EventRouter(EventRoutes routes, CustomerContextStore context, MessagePublisher publisher, BackpressureRetry retry,
                       IngressIdempotency seen) {
        this.routes = routes;
        this.context = context;
        this.publisher = publisher;
        this.retry = retry;
        this.seen = seen;
    }

    public EventOutcome route(IngressEvent event) {
        return route(event, UNNAMED_SOURCE);
    }

    /** The source of events handed in without one (other modules of this application). */
    public static final String UNNAMED_SOURCE = "internal";

    /**
     * Routes one event of {@code source}, unless the same source handed over an event with the same idempotency key
     * within the idempotency window: then it is DUPLICATE and nothing happens (context-only routes included).
     */
    public EventOutcome route(IngressEvent event, String source) {
        String from = source == null || source.isBlank() ? UNNAMED_SOURCE : source;
        if (seen != null && event.idempotencyKey() != null) {
            try {
                if (seen.seen(from, event)) {
                    log.debug("Event {} of customer {} from {} was handed over before (idempotency window)", event.type(),
                            event.customerId(), from);
                    return EventOutcome.duplicate(event.idempotencyKey(), routes.find(event.type()).map(EventRoute::message).orElse(null));
                }
            } catch (org.springframework.dao.DataAccessException e) {
                return EventOutcome.busy(event.idempotencyKey(), "the idempotency record is unavailable");
            }
        }
        EventOutcome outcome = routeOnce(event);
        if (seen != null && event.idempotencyKey() != null && outcome.handed()) {
            try {
                seen.handedOver(from, event);
            } catch (org.springframework.dao.DataAccessException e) {
                // handed over but not remembered: a redelivery is routed again (the engine's message id still dedupes
                // while buffered); say so rather than fail an event that was accepted
                log.warn("Event {} of customer {} from {} handed over but not remembered for de-duplication: {}", event.type(),
                        event.customerId(), from, e.toString());
            }
        }
        return outcome;
    }

    private EventOutcome routeOnce(IngressEvent event) {
        EventRoute route = routes.find(event.type()).orElse(null);
        if (route == null) {
            return EventOutcome.rejected(event.idempotencyKey(), "type", "no route for event type '" + event.type() + "'");
        }
        try {
            String refused = applyToContext(route, event);
            if (refused != null) {
                log.info("Event {} of customer {}: consent change refused: {}", event.type(), event.customerId(), refused);
                return EventOutcome.rejected(event.idempotencyKey(), "data.status", refused);
            }
        } catch (UnknownCustomerException e) {
            return EventOutcome.rejected(event.idempotencyKey(), "customerId", "unknown customer");
        } catch (InvalidCustomerException e) {
            // the only field a consent event gives the context for validation is its time
            return EventOutcome.rejected(event.idempotencyKey(), "occurredAt", e.violations().stream()
                    .map(InvalidCustomerException.Violation::reason).distinct().reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return EventOutcome.rejected(event.idempotencyKey(), "data", e.getMessage());
        } catch (ContextUnavailableException e) {
            return EventOutcome.busy(event.idempotencyKey(), "customer context unavailable");
        }
        if (!route.publishes()) {
            log.debug("Event {} of customer {} applied to the context", event.type(), event.customerId());
            return EventOutcome.accepted(event.idempotencyKey(), null);
        }
        String correlationKey = route.correlationDataField() == null
                ? event.customerId() : String.valueOf(event.data().get(route.correlationDataField()));
        Map<String, Object> variables = new LinkedHashMap<>(event.data());
        variables.put("customerId", event.customerId());
        try {
            retry.call(() -> publisher.publish(route.message(), correlationKey, event.idempotencyKey(), route.ttl(), variables));
            log.debug("Event {} of customer {} published as message {}", event.type(), event.customerId(), route.message());
            return EventOutcome.accepted(event.idempotencyKey(), route.message());
        } catch (MessagePublisher.DuplicateMessageException e) {
            log.debug("Event {} of customer {} was delivered before", event.type(), event.customerId());
            return EventOutcome.duplicate(event.idempotencyKey(), route.message());
        } catch (MessagePublisher.EngineRejectedException e) {
            log.warn("Event {} of customer {} refused by the engine: {}", event.type(), event.customerId(), e.getMessage());
            return EventOutcome.rejected(event.idempotencyKey(), "$", e.getMessage());
        } catch (EngineBusyException e) {
            log.warn("Engine backpressure: event {} of customer {} not accepted, client asked to retry", event.type(), event.customerId());
            return EventOutcome.busy(event.idempotencyKey(), "engine backpressure: retry after " + e.retryAfter().toSeconds() + "s");
        }
    }

    /** Applies the event to the context; returns why a consent change was refused, or null. */
    private String applyToContext(EventRoute route, IngressEvent event) {
        switch (route.context()) {
            case NONE -> { }
            case CHECK_IN -> context.checkIn(event.customerId(), String.valueOf(event.data().get("storeId")), event.occurredAt());
            case CHECK_OUT -> context.checkOut(event.customerId(), event.occurredAt());
            case CONSENT -> {
                ConsentUpdate update = context.recordConsent(new ConsentChange(event.customerId(),
                        Channel.parse(text(event, "channel")), Purpose.parse(text(event, "purpose")),
                        ConsentStatus.parse(text(event, "status")),
                        event.data().get("source") == null ? ConsentSource.API : ConsentSource.parse(text(event, "source")),
                        "event:" + truncate(event.idempotencyKey(), 250), event.occurredAt()));
                return update.outcome() == ConsentUpdate.Outcome.REFUSED ? update.detail() : null;
            }
        }
        return null;
    }

    private static String text(IngressEvent event, String field) {
        Object value = event.data().get(field);
        if (value == null) {
            throw new IllegalArgumentException("data." + field + " is required");
        }
        return String.valueOf(value);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
