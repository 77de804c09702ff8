package dev.touchpoint.channel;

/**
 * Delivers already rendered content for one channel to one vendor and returns the vendor's receipt.
 *
 * <p>An adapter makes no business decision: consent, frequency caps, quiet hours and de-duplication across processes
 * belong to the workers. What every adapter guarantees (and {@code ChannelAdapterContract} checks):
 * <ul>
 *   <li>{@link #send} either returns a {@link DeliveryReceipt} for {@link #channel()} or throws a
 *       {@link DeliveryFailure} whose {@link FailureKind} tells the caller whether to retry ({@code RETRYABLE}, with
 *       the vendor's {@code retryAfter} when it gave one), give up ({@code PERMANENT}) or raise an incident
 *       ({@code MISCONFIGURED});</li>
 *   <li>the message's idempotency key reaches the vendor wherever the vendor has a place for it, and a second send of
 *       an already accepted key in the same process returns the first receipt without delivering again;</li>
 *   <li>a vendor that does not answer within the adapter's configured timeout is a {@code RETRYABLE} failure;</li>
 *   <li>neither logs nor failure messages contain personal data (addresses, phone numbers, message bodies): only the
 *       customer id and the idempotency key.</li>
 * </ul>
 * Implementations are thread-safe. One class per vendor and channel: {@code <Vendor><Channel>Adapter}.
 */
public interface ChannelAdapter {

    /** The channel this adapter delivers on; {@link #send} refuses content of any other channel. */
    Channel channel();

    /**
     * Delivers the message to the vendor.
     *
     * @throws DeliveryFailure when the vendor refused or could not be reached, classified by {@link FailureKind}
     * @throws IllegalArgumentException when the message's content is not for {@link #channel()}
     */
    DeliveryReceipt send(OutboundMessage message) throws DeliveryFailure;

    /**
     * What the vendor knows about an earlier, interrupted attempt to deliver {@code message} (same idempotency key,
     * recipient and content): asked by the workers before they would send a message whose earlier attempt may have
     * reached the vendor. The default says {@link PriorAttempt.Unknown}: the worker then records the touchpoint as
     * UNCONFIRMED and does not send again. Adapters whose vendor de-duplicates or can be queried override it; a lookup
     * that fails answers {@code Unknown}, never throws.
     */
    default PriorAttempt priorAttempt(OutboundMessage message) {
        return new PriorAttempt.Unknown("the " + channel().name().toLowerCase(java.util.Locale.ROOT)
                + " adapter cannot look up earlier attempts");
    }
}
