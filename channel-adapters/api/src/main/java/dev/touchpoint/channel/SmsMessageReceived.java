package dev.touchpoint.channel;

import java.time.Instant;

/**
 * Event: a phone sent a message to one of our numbers that is not a keyword (a reply a journey may wait for).
 *
 * @param fromPhone         the customer's number (E.164): personal data, never log it
 * @param toPhone           our number or short code
 * @param body              the text: personal data, never log it
 * @param providerMessageId the vendor's id of the inbound message
 * @param receivedAt        when we received it
 */
public record SmsMessageReceived(String fromPhone, String toPhone, String body, String providerMessageId,
                                 Instant receivedAt) {

    public SmsMessageReceived {
        Require.notBlank(fromPhone, "fromPhone");
        Require.notBlank(providerMessageId, "providerMessageId");
        Require.notNull(receivedAt, "receivedAt");
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        return "SmsMessageReceived[providerMessageId=" + providerMessageId + ", receivedAt=" + receivedAt + "]";
    }
}
