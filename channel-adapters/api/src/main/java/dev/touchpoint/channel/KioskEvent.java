package dev.touchpoint.channel;

import java.time.Instant;

/**
 * Event: something happened to a screen on an in-store kiosk. Published (as a Spring application event) by the app
 * instance the kiosk is connected to, once per screen and kind. A journey waits for these as messages correlated by
 * the customer id: the customer took the offer, wants it on the phone, closed it, or let it run out.
 *
 * <p>Every event names the screen by the {@code providerMessageId} of its {@link DeliveryReceipt} and by the
 * idempotency key of the send, so the worker that sent it can match the two.
 */
public sealed interface KioskEvent permits KioskScreenDisplayed, KioskOfferAccepted, KioskSendToPhoneRequested,
        KioskScreenDismissed, KioskScreenExpired, KioskSurveyAnswered {

    /** The idempotency key of the send that put the screen up. */
    String idempotencyKey();

    /** The customer the screen was for. */
    String customerId();

    /** The receipt's {@code providerMessageId} of the screen. */
    String providerMessageId();

    String storeId();

    String kioskId();

    Instant occurredAt();

    /** Checks the fields every kiosk event has. */
    static void validate(String idempotencyKey, String customerId, String providerMessageId, String storeId,
                         String kioskId, Instant occurredAt) {
        Require.notBlank(idempotencyKey, "idempotencyKey");
        Require.notBlank(customerId, "customerId");
        Require.notBlank(providerMessageId, "providerMessageId");
        Require.notBlank(storeId, "storeId");
        Require.notBlank(kioskId, "kioskId");
        Require.notNull(occurredAt, "occurredAt");
    }
}
