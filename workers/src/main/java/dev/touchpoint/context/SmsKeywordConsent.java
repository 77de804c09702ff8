package dev.touchpoint.context;

import dev.touchpoint.channel.SmsKeywordReceived;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns the SMS adapter's inbound keywords into consent changes: STOP withdraws, START grants again, for every
 * customer with that phone number, with the inbound message id as proof. The adapter publishes the event only after
 * the webhook's signature was verified, and this listener runs synchronously, so Twilio's request is answered only
 * once the change is on disk (consent is written through to the database). HELP changes nothing.
 */
@Component
class SmsKeywordConsent {

    private static final Logger log = LoggerFactory.getLogger(SmsKeywordConsent.class);

    private final CustomerContextStore store;

    SmsKeywordConsent(CustomerContextStore store) {
        this.store = store;
    }

    @EventListener
    @Order(0) // consent first: journeys hear of the keyword (sms.stop, ...) only after the change is recorded
    void on(SmsKeywordReceived received) {
        SmsKeyword keyword = switch (received.kind()) {
            case STOP -> SmsKeyword.STOP;
            case START -> SmsKeyword.START;
            case HELP -> null;
        };
        if (keyword == null) {
            return;
        }
        List<ConsentUpdate> updates = store.applySmsKeyword(
                received.fromPhone(), keyword, received.providerMessageId(), received.receivedAt());
        if (updates.isEmpty()) {
            log.info("SMS {} ({}) from a number no customer has; nothing to change", keyword, received.providerMessageId());
        }
    }
}
