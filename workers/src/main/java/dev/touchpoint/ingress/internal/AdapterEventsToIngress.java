package dev.touchpoint.ingress.internal;

import dev.touchpoint.channel.DeliveryStatusReported;
import dev.touchpoint.channel.DeliveryStatusUpdate;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.SmsKeywordReceived;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the channel adapters learn from customers and vendors enters journeys through the same ingress as every other
 * event, so {@code config/event-routing.yaml} decides what each becomes (message, correlation, TTL) and a redelivered
 * webhook is correlated once (its idempotency key is the message id):
 * <ul>
 *   <li>kiosk "accept offer": {@code kiosk.offer-accepted} (the store-visit journey waits for it);</li>
 *   <li>vendor status reports of a send (Twilio status callbacks, push reports): {@code message.<status>}, e.g.
 *       {@code message.undelivered}, for the customer of the original send;</li>
 *   <li>inbound SMS keywords: {@code sms.stop} / {@code sms.start} / {@code sms.help} for every customer with that
 *       number, after the consent change is recorded (consent first: {@code SmsKeywordConsent} runs earlier).</li>
 * </ul>
 * Status and keyword types without a route are not published (the routing file opts in); the ledger records every
 * status report regardless. Events never carry phone numbers or addresses, only ids.
 */
@Component
class AdapterEventsToIngress {

    static final String OFFER_ACCEPTED = "kiosk.offer-accepted";
    private static final Logger log = LoggerFactory.getLogger(AdapterEventsToIngress.class);

    private final EventIngress ingress;
    private final EventRoutes routes;
    private final CustomerContextStore customers;

    AdapterEventsToIngress(EventIngress ingress, EventRoutes routes, CustomerContextStore customers) {
        this.ingress = ingress;
        this.routes = routes;
        this.customers = customers;
    }

    @EventListener
    void on(KioskOfferAccepted accepted) {
        submit(new IngressEvent(OFFER_ACCEPTED, accepted.customerId(), accepted.occurredAt(),
                "kiosk-accepted-" + accepted.providerMessageId(),
                Map.of("storeId", accepted.storeId(), "kioskId", accepted.kioskId(), "touchpointKey", accepted.idempotencyKey())),
                true);
    }

    @EventListener
    void on(DeliveryStatusReported reported) {
        DeliveryStatusUpdate update = reported.update();
        String type = "message." + update.status().name().toLowerCase(Locale.ROOT);
        if (update.customerId() == null || routes.find(type).isEmpty()) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", update.channel().name());
        data.put("providerMessageId", update.providerMessageId());
        data.put("status", update.status().name());
        if (update.idempotencyKey() != null) {
            data.put("touchpointKey", update.idempotencyKey());
        }
        if (update.failureReason() != null) {
            data.put("failureReason", update.failureReason().name());
        }
        submit(new IngressEvent(type, update.customerId(), update.occurredAt(),
                "status:" + update.providerMessageId() + ":" + update.status().name(), data), false);
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(SmsKeywordReceived received) {
        String type = "sms." + received.kind().name().toLowerCase(Locale.ROOT);
        if (routes.find(type).isEmpty()) {
            return;
        }
        List<String> customerIds = customers.findCustomerIdsByPhone(received.fromPhone());
        for (String customerId : customerIds) {
            submit(new IngressEvent(type, customerId, received.receivedAt(),
                    "sms:" + received.providerMessageId() + ":" + customerId,
                    Map.of("keyword", received.keyword(), "providerMessageId", received.providerMessageId())), true);
        }
    }

    /**
     * @param failLoudly whether an engine that stays busy (after the router's backoff) fails the adapter's request, so
     *                   the kiosk or the vendor sees an error and may send it again; a status report is not failed
     *                   (the ledger has recorded it already) but logged as an error
     */
    private void submit(IngressEvent event, boolean failLoudly) {
        EventOutcome outcome = ingress.submit(event, "adapters");
        switch (outcome.status()) {
            case ACCEPTED, DUPLICATE -> log.debug("Adapter event {} of customer {}: {}", event.type(), event.customerId(), outcome.status());
            case BUSY -> {
                if (failLoudly) {
                    throw new EngineBusyAdapterEventException("engine busy: event " + event.type() + " of customer "
                            + event.customerId() + " (" + event.idempotencyKey() + ") not accepted; send it again");
                }
                log.error("Engine busy: status event {} of customer {} ({}) not published to journeys", event.type(),
                        event.customerId(), event.idempotencyKey());
            }
            case REJECTED -> log.warn("Adapter event {} of customer {} rejected: {} {}", event.type(), event.customerId(),
                    outcome.field(), outcome.reason());
        }
    }

    /** The engine stayed busy: the adapter's request fails so its sender can try again. */
    static final class EngineBusyAdapterEventException extends RuntimeException {
        EngineBusyAdapterEventException(String message) {
            super(message);
        }
    }
}
