package dev.touchpoint.channel;

/**
 * Event: a vendor reported a new status for a message (published by the adapters' webhook endpoints after the
 * vendor's signature was verified).
 */
public record DeliveryStatusReported(DeliveryStatusUpdate update) {

    public DeliveryStatusReported {
        Require.notNull(update, "update");
    }
}
