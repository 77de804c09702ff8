package dev.touchpoint.context;

import dev.touchpoint.channel.SmsKeywordReceived;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns the SMS adapter's inbound keywords into consent changes: STOP withdraws, START grants again, for every
 * customer with that phone number, with the inbound message id as proof. The adapter publishes the event only after
 * the webhook's signature was verified, and this listener runs synchronously, so Twilio's request is answered only
 * once the change is on disk (consent is written through to the database). HELP changes nothing.
 *
 * <p>A change that cannot be recorded throws to the webhook, which answers 503 so that Twilio retries with the same
 * idempotency token (and the retry applies it); the operator gets an error line and, for a STOP, the counter
 * {@code touchpoint.consent.withdrawals.failed{source=SMS_KEYWORD}}.
 */
@Component
class SmsKeywordConsent {

    private static final Logger log = LoggerFactory.getLogger(SmsKeywordConsent.class);

    private final CustomerContextStore store;
    private final MeterRegistry meters;

    SmsKeywordConsent(CustomerContextStore store, ObjectProvider<MeterRegistry> meters) {
        this.store = store;
        this.meters = meters.getIfAvailable();
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
        List<ConsentUpdate> updates;
        try {
            updates = store.applySmsKeyword(received.fromPhone(), keyword, received.providerMessageId(), received.receivedAt());
        } catch (RuntimeException e) {
            log.error("SMS {} ({}) could NOT be recorded; the webhook answers 503 so that the provider retries: {}", keyword,
                    received.providerMessageId(), e.toString());
            if (meters != null && keyword == SmsKeyword.STOP) {
                meters.counter("touchpoint.consent.withdrawals.failed", "source", ConsentSource.SMS_KEYWORD.name()).increment();
            }
            throw e;
        }
        if (updates.isEmpty()) {
            log.info("SMS {} ({}) from a number no customer has; nothing to change", keyword, received.providerMessageId());
        }
    }
}
