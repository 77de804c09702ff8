package dev.touchpoint.channel.sms;

import dev.touchpoint.channel.DeliveryStatus;
import java.util.Locale;
import java.util.Optional;

/** Twilio's message statuses in Touchpoint's vocabulary. */
public final class TwilioStatuses {

    private TwilioStatuses() {
    }

    /**
     * The status for Twilio's {@code MessageStatus} / resource {@code status}; empty for statuses of inbound
     * messages ({@code receiving}, {@code received}) and for ones we do not know.
     */
    public static Optional<DeliveryStatus> of(String twilioStatus) {
        if (twilioStatus == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (twilioStatus.strip().toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending" -> DeliveryStatus.QUEUED;
            case "sent" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "undelivered" -> DeliveryStatus.UNDELIVERED;
            case "failed", "canceled" -> DeliveryStatus.FAILED;
            case "read" -> DeliveryStatus.OPENED;
            default -> null;
        });
    }
}
