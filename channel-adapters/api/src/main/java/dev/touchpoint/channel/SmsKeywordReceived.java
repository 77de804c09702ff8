package dev.touchpoint.channel;

import java.time.Instant;

/**
 * Event: a phone sent one of the SMS keywords ({@link SmsKeyword}) to one of our numbers. The consent ledger turns
 * STOP into an opt-out and START into an opt-in; HELP gets the brand's help reply.
 *
 * @param kind              STOP, START or HELP
 * @param keyword           the word as the customer typed it, normalised to upper case (e.g. {@code UNSUBSCRIBE})
 * @param fromPhone         the customer's number (E.164): personal data, never log it
 * @param toPhone           our number or short code it was sent to
 * @param providerMessageId the vendor's id of the inbound message
 * @param receivedAt        when we received it
 */
public record SmsKeywordReceived(SmsKeyword kind, String keyword, String fromPhone, String toPhone,
                                 String providerMessageId, Instant receivedAt) {

    public SmsKeywordReceived {
        Require.notNull(kind, "kind");
        Require.notBlank(keyword, "keyword");
        Require.notBlank(fromPhone, "fromPhone");
        Require.notBlank(providerMessageId, "providerMessageId");
        Require.notNull(receivedAt, "receivedAt");
    }

    @Override
    public String toString() {
        return "SmsKeywordReceived[kind=" + kind + ", keyword=" + keyword + ", providerMessageId="
                + providerMessageId + ", receivedAt=" + receivedAt + "]";
    }
}
