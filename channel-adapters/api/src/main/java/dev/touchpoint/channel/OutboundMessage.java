package dev.touchpoint.channel;

/**
 * One touchpoint to deliver: who it is for, where it goes and what it says.
 *
 * @param idempotencyKey  identifies this delivery across retries (derived by the workers from the job's process and
 *                        element instance); at most {@value #MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters
 * @param customerId      the customer this touchpoint is for: the only identity adapters may log
 * @param recipient       the channel address: an e-mail address, an E.164 phone number, a device token or a kiosk id.
 *                        Personal data: never logged, never put into an exception message
 * @param content         the rendered content; its {@link RenderedContent#channel()} is the channel of this message
 */
public record OutboundMessage(String idempotencyKey, String customerId, String recipient, RenderedContent content) {

    /** Longest idempotency key accepted: keys are carried in headers and callback URLs. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    public OutboundMessage {
        Require.notBlank(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotencyKey must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters");
        }
        if (!idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("idempotencyKey must be printable ASCII without spaces");
        }
        Require.notBlank(customerId, "customerId");
        Require.notBlank(recipient, "recipient");
        Require.notNull(content, "content");
    }

    /** The channel of the content. */
    public Channel channel() {
        return content.channel();
    }

    /** The content as the given type, or an {@link IllegalArgumentException} naming both channels. */
    public <T extends RenderedContent> T contentAs(Class<T> type, Channel expected) {
        if (!type.isInstance(content)) {
            throw new IllegalArgumentException("a " + expected + " adapter cannot send " + content.channel()
                    + " content (idempotency key " + idempotencyKey + ")");
        }
        return type.cast(content);
    }

    /** Shows identifiers only: the recipient and the content are personal data. */
    @Override
    public String toString() {
        return "OutboundMessage[idempotencyKey=" + idempotencyKey + ", customerId=" + customerId + ", channel="
                + content.channel() + "]";
    }
}
