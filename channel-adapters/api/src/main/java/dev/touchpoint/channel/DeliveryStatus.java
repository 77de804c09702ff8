package dev.touchpoint.channel;

/** Where a delivery stands, in one vocabulary for every vendor. */
public enum DeliveryStatus {
    /** Accepted by the vendor, waiting to go out. */
    QUEUED,
    /** Handed to the next hop (carrier, receiving mail server). */
    SENT,
    /** Confirmed on the recipient's device or mailbox. */
    DELIVERED,
    /** The carrier or device could not take it (the vendor reports why). */
    UNDELIVERED,
    /** The vendor gave up before handing it on. */
    FAILED,
    /** The receiving mail server returned it. */
    BOUNCED,
    /** The recipient opened it (where the channel can tell). */
    OPENED,
    /** The recipient followed a link in it. */
    CLICKED;

    /** Whether no later transport status can follow (engagement statuses may still follow a delivery). */
    public boolean isFinal() {
        return this == UNDELIVERED || this == FAILED || this == BOUNCED;
    }

    /** Whether the touchpoint did not reach the recipient. */
    public boolean isFailure() {
        return isFinal();
    }
}
