package dev.touchpoint.channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happened to each device of one push message: a customer with several registered devices gets one
 * notification per token. The message counts as delivered (a {@link DeliveryReceipt} with status
 * {@link DeliveryStatus#SENT}) when the push service accepted it for at least one device; the report says which.
 *
 * @param channel        always {@link Channel#PUSH}
 * @param idempotencyKey the message's idempotency key
 * @param customerId     the customer
 * @param sentAt         when the sends were answered
 * @param devices        one outcome per token, in the order of {@link PushRecipients#tokens()}
 */
public record PushDeliveryReport(Channel channel, String idempotencyKey, String customerId, Instant sentAt,
                                 List<Device> devices) {

    public PushDeliveryReport {
        Require.notNull(channel, "channel");
        Require.notBlank(idempotencyKey, "idempotencyKey");
        Require.notBlank(customerId, "customerId");
        Require.notNull(sentAt, "sentAt");
        devices = List.copyOf(Require.notNull(devices, "devices"));
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a push report covers at least one device");
        }
    }

    /**
     * The outcome for one device token.
     *
     * @param token             the device token: personal data, never log it
     * @param providerMessageId the push service's message id when it accepted the message, else {@code null}
     * @param failureKind       why not, when it did not: retry, give up or fix the configuration
     * @param failureReason     the classified reason when it did not, else {@code null}
     * @param vendorCode        the push service's error code ({@code UNREGISTERED}, {@code INVALID_ARGUMENT},
     *                          {@code HTTP 503}), else {@code null}
     * @param tokenUnregistered whether the push service said the token no longer exists (drop it)
     */
    public record Device(String token, String providerMessageId, FailureKind failureKind,
                         FailureReason failureReason, String vendorCode, boolean tokenUnregistered) {

        public Device {
            Require.notBlank(token, "token");
            providerMessageId = Require.nullIfBlank(providerMessageId);
            if ((providerMessageId == null) == (failureKind == null)) {
                throw new IllegalArgumentException("a device outcome has either a message id or a failure kind");
            }
            if (failureKind != null) {
                Require.notNull(failureReason, "failureReason");
            }
        }

        /** An accepted send. */
        public static Device accepted(String token, String providerMessageId) {
            return new Device(token, Require.notBlank(providerMessageId, "providerMessageId"), null, null, null,
                    false);
        }

        /** A refused or failed send. */
        public static Device failed(String token, DeliveryFailure failure, boolean tokenUnregistered) {
            return new Device(token, null, failure.kind(), failure.reason(), failure.vendorCode(), tokenUnregistered);
        }

        public boolean isAccepted() {
            return providerMessageId != null;
        }

        /** Leaves the token out. */
        @Override
        public String toString() {
            return isAccepted() ? "Device[accepted " + providerMessageId + "]"
                    : "Device[" + failureKind + " " + failureReason + " " + vendorCode
                            + (tokenUnregistered ? " unregistered" : "") + "]";
        }
    }

    /** The devices the push service accepted the message for. */
    public List<Device> accepted() {
        return devices.stream().filter(Device::isAccepted).toList();
    }

    /** The devices it did not. */
    public List<Device> failed() {
        return devices.stream().filter(d -> !d.isAccepted()).toList();
    }

    /** Tokens the push service reported as no longer registered. */
    public List<String> unregisteredTokens() {
        return devices.stream().filter(Device::tokenUnregistered).map(Device::token).toList();
    }

    /** Whether at least one device got the message. */
    public boolean delivered() {
        return devices.stream().anyMatch(Device::isAccepted);
    }

    /**
     * The receipt of a delivered report: the first accepted device's message id, status {@link DeliveryStatus#SENT}.
     */
    public Optional<DeliveryReceipt> receipt() {
        return devices.stream().filter(Device::isAccepted).findFirst()
                .map(d -> new DeliveryReceipt(channel, d.providerMessageId(), sentAt, DeliveryStatus.SENT));
    }
}
