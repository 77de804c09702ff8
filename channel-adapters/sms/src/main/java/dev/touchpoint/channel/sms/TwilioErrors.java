package dev.touchpoint.channel.sms;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.HttpFailures;
import dev.touchpoint.channel.PersonalData;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's error codes (https://www.twilio.com/docs/api/errors) in the failure taxonomy. A known code decides; an
 * unknown one falls back to the HTTP status as {@link HttpFailures#byStatus} reads it for every adapter (401/403 and 404
 * MISCONFIGURED, 408/425/429 and 5xx RETRYABLE with the {@code Retry-After} Twilio sent, other 4xx PERMANENT). No
 * answer at all (timeout, refused or dropped connection) is RETRYABLE.
 */
public final class TwilioErrors {

    private record Mapping(FailureKind kind, FailureReason reason) {
    }

    private static final Map<Integer, Mapping> CODES = Map.ofEntries(
            // our account, credentials and sender
            entry(20003, FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED),
            entry(20005, FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED),
            entry(20404, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21212, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21603, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21606, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21608, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21609, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21659, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21660, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21701, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21703, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21704, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(21705, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            entry(30034, FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED),
            // the recipient
            entry(21211, FailureKind.PERMANENT, FailureReason.INVALID_ADDRESS),
            entry(21217, FailureKind.PERMANENT, FailureReason.INVALID_ADDRESS),
            entry(21401, FailureKind.PERMANENT, FailureReason.INVALID_ADDRESS),
            entry(21421, FailureKind.PERMANENT, FailureReason.INVALID_ADDRESS),
            entry(21604, FailureKind.PERMANENT, FailureReason.INVALID_ADDRESS),
            entry(21610, FailureKind.PERMANENT, FailureReason.UNSUBSCRIBED),
            entry(21612, FailureKind.PERMANENT, FailureReason.UNREACHABLE),
            entry(21614, FailureKind.PERMANENT, FailureReason.UNREACHABLE),
            entry(21407, FailureKind.PERMANENT, FailureReason.BLOCKED),
            entry(21408, FailureKind.PERMANENT, FailureReason.BLOCKED),
            entry(30007, FailureKind.PERMANENT, FailureReason.BLOCKED),
            // the content
            entry(21602, FailureKind.PERMANENT, FailureReason.CONTENT_REJECTED),
            entry(21617, FailureKind.PERMANENT, FailureReason.CONTENT_REJECTED),
            entry(21619, FailureKind.PERMANENT, FailureReason.CONTENT_REJECTED),
            // slow down or try later
            entry(20429, FailureKind.RETRYABLE, FailureReason.RATE_LIMITED),
            entry(21611, FailureKind.RETRYABLE, FailureReason.RATE_LIMITED),
            entry(20500, FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE),
            entry(20503, FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE));

    /** Delivery error codes that arrive in status callbacks ({@code ErrorCode}), as reasons. */
    private static final Map<Integer, FailureReason> DELIVERY_CODES = Map.ofEntries(
            Map.entry(30001, FailureReason.RATE_LIMITED),
            Map.entry(30002, FailureReason.BLOCKED),
            Map.entry(30003, FailureReason.UNREACHABLE),
            Map.entry(30004, FailureReason.BLOCKED),
            Map.entry(30005, FailureReason.INVALID_ADDRESS),
            Map.entry(30006, FailureReason.UNREACHABLE),
            Map.entry(30007, FailureReason.BLOCKED),
            Map.entry(30008, FailureReason.REJECTED),
            Map.entry(30032, FailureReason.BLOCKED),
            Map.entry(30034, FailureReason.SENDER_NOT_CONFIGURED),
            Map.entry(21610, FailureReason.UNSUBSCRIBED),
            Map.entry(21614, FailureReason.UNREACHABLE));

    private TwilioErrors() {
    }

    /**
     * The failure for what the SDK threw.
     *
     * @param error     the SDK's exception
     * @param response  the HTTP response that caused it, if one arrived (its status and {@code Retry-After})
     * @param recipient the recipient's number, scrubbed from every message
     */
    public static DeliveryFailure classify(TwilioException error, Optional<TwilioHttpClient.LastResponse> response,
                                           String recipient) {
        String text = PersonalData.scrub(error.getMessage(), recipient);
        Throwable cause = PersonalData.scrub(error, recipient);
        Integer code = error instanceof ApiException api ? api.getCode() : null;
        Integer status = error instanceof ApiException api && api.getStatusCode() != null ? api.getStatusCode()
                : response.map(TwilioHttpClient.LastResponse::status).orElse(null);
        if (code != null || status != null) {
            Mapping mapping = code == null ? null : CODES.get(code);
            if (mapping == null) {
                mapping = byStatus(status == null ? 0 : status);
            }
            DeliveryFailure.Builder failure = DeliveryFailure.of(Channel.SMS, mapping.kind(), mapping.reason())
                    .vendorCode(code != null ? code.toString() : "HTTP " + status)
                    .vendorMessage(text).cause(cause);
            if (mapping.kind() == FailureKind.RETRYABLE) {
                failure.retryAfter(response.flatMap(TwilioHttpClient.LastResponse::retryAfter).orElse(null));
            }
            return failure.build();
        }
        if (has(error, SocketTimeoutException.class)) {
            return DeliveryFailure.retryable(Channel.SMS, FailureReason.TIMEOUT)
                    .vendorMessage("Twilio did not answer in time").cause(cause).build();
        }
        // refused, reset or dropped connections (ApiConnectionException, or ApiException around an IOException)
        return DeliveryFailure.retryable(Channel.SMS, FailureReason.CONNECTION_FAILED).vendorMessage(text)
                .cause(cause).build();
    }

    /** The reason behind a delivery error code of a status callback, {@code null} for none. */
    public static FailureReason reasonForDeliveryError(String errorCode) {
        if (errorCode == null || errorCode.isBlank() || !errorCode.strip().chars().allMatch(Character::isDigit)) {
            return null;
        }
        int code = Integer.parseInt(errorCode.strip());
        FailureReason known = DELIVERY_CODES.get(code);
        if (known != null) {
            return known;
        }
        Mapping mapping = CODES.get(code);
        return mapping != null ? mapping.reason() : FailureReason.REJECTED;
    }

    private static Mapping byStatus(int status) {
        HttpFailures.Mapping mapping = HttpFailures.byStatus(status);
        return new Mapping(mapping.kind(), mapping.reason());
    }

    private static Map.Entry<Integer, Mapping> entry(int code, FailureKind kind, FailureReason reason) {
        return Map.entry(code, new Mapping(kind, reason));
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
