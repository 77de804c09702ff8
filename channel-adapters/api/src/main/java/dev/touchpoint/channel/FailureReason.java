package dev.touchpoint.channel;

/**
 * Why a delivery failed, in terms a journey can branch on. The workers raise BPMN errors with the code
 * {@link #bpmnErrorCode()} ({@code TOUCHPOINT_<REASON>}).
 */
public enum FailureReason {
    /** The address or number is malformed or does not exist. */
    INVALID_ADDRESS,
    /** The recipient opted out at the vendor or carrier (e.g. replied STOP). */
    UNSUBSCRIBED,
    /** The vendor, carrier or receiving server blocked the message (spam filter, block list, geo permission). */
    BLOCKED,
    /** The recipient exists but cannot receive on this channel now or ever (landline, full mailbox, no route). */
    UNREACHABLE,
    /** The content itself was refused (too long, empty, policy). */
    CONTENT_REJECTED,
    /** The vendor asked us to slow down, or our own per-sender limit would wait too long. */
    RATE_LIMITED,
    /** The vendor answered with a temporary error (HTTP 5xx, SMTP 4xx). */
    VENDOR_UNAVAILABLE,
    /** The vendor did not answer in time. */
    TIMEOUT,
    /** The connection could not be opened or was dropped. */
    CONNECTION_FAILED,
    /** The vendor rejected our credentials. */
    AUTHENTICATION_FAILED,
    /** The sender (from address, number, messaging service) is missing, unknown or not ours. */
    SENDER_NOT_CONFIGURED,
    /** A refusal the vendor did not explain in a way we recognise. */
    REJECTED;

    /** The BPMN error code journeys catch, e.g. {@code TOUCHPOINT_UNSUBSCRIBED}. */
    public String bpmnErrorCode() {
        return "TOUCHPOINT_" + name();
    }
}
