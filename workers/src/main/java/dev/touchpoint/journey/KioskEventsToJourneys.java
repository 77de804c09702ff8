package dev.touchpoint.journey;

import dev.touchpoint.channel.KioskOfferAccepted;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a customer does on a kiosk advances their journey: "accept offer" becomes the message
 * {@code kiosk.offer-accepted}, correlated by customer id (the store-visit journey waits for it). The message id is
 * the kiosk's delivery id, so a repeated event is correlated once.
 */
@Component
class KioskEventsToJourneys {

    static final String OFFER_ACCEPTED = "kiosk.offer-accepted";
    private static final Logger log = LoggerFactory.getLogger(KioskEventsToJourneys.class);

    private final CamundaClient client;

    KioskEventsToJourneys(CamundaClient client) {
        this.client = client;
    }

    @EventListener
    void on(KioskOfferAccepted accepted) {
        client.newPublishMessageCommand().messageName(OFFER_ACCEPTED).correlationKey(accepted.customerId())
                .messageId("kiosk-accepted-" + accepted.providerMessageId())
                .timeToLive(Duration.ofMinutes(10))
                .variables(Map.of("storeId", accepted.storeId(), "kioskId", accepted.kioskId()))
                .send().join();
        log.info("Customer {} accepted the offer on kiosk {}/{}", accepted.customerId(), accepted.storeId(), accepted.kioskId());
    }
}
