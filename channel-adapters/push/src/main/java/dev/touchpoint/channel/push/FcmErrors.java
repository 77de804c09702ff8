package dev.touchpoint.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.HttpFailures;
import dev.touchpoint.channel.PersonalData;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Map;

/**
 * FCM HTTP v1 errors (https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode) in the failure taxonomy. The
 * {@code errorCode} of the {@code google.firebase.fcm.v1.FcmError} detail decides; without one the canonical
 * {@code error.status} and then the HTTP status do:
 * <table>
 *   <caption>mapping</caption>
 *   <tr><th>FCM</th><th>kind</th><th>reason</th></tr>
 *   <tr><td>UNREGISTERED (404)</td><td>PERMANENT</td><td>INVALID_ADDRESS, and the token is reported as
 *       unregistered</td></tr>
 *   <tr><td>INVALID_ARGUMENT (400)</td><td>PERMANENT</td><td>INVALID_ADDRESS when the field in error is
 *       {@code message.token}, else CONTENT_REJECTED</td></tr>
 *   <tr><td>QUOTA_EXCEEDED / RESOURCE_EXHAUSTED (429)</td><td>RETRYABLE</td><td>RATE_LIMITED, with
 *       {@code Retry-After}</td></tr>
 *   <tr><td>UNAVAILABLE (503), INTERNAL (500)</td><td>RETRYABLE</td><td>VENDOR_UNAVAILABLE, with
 *       {@code Retry-After}</td></tr>
 *   <tr><td>THIRD_PARTY_AUTH_ERROR (401), UNAUTHENTICATED (401), PERMISSION_DENIED (403)</td><td>MISCONFIGURED</td>
 *       <td>AUTHENTICATION_FAILED</td></tr>
 *   <tr><td>SENDER_ID_MISMATCH (403), NOT_FOUND without an FCM code (404: unknown project)</td><td>MISCONFIGURED</td>
 *       <td>SENDER_NOT_CONFIGURED</td></tr>
 *   <tr><td>any other status</td><td colspan="2">as {@link HttpFailures#byStatus} reads it for every adapter (408
 *       TIMEOUT, 425 and 5xx VENDOR_UNAVAILABLE, other 4xx REJECTED)</td></tr>
 * </table>
 * A token that belongs to another sender ({@code SENDER_ID_MISMATCH}) is not reported as unregistered: when every
 * token mismatches, the configured project is what is wrong, and dropping the customer's tokens would hide that.
 */
public final class FcmErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
    private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";

    private record Mapping(FailureKind kind, FailureReason reason) {
    }

    private static final Map<String, Mapping> CODES = Map.of(
            "UNREGISTERED", new Mapping(FailureKind.PERMANENT, FailureReason.INVALID_ADDRESS),
            "INVALID_ARGUMENT", new Mapping(FailureKind.PERMANENT, FailureReason.CONTENT_REJECTED),
            "QUOTA_EXCEEDED", new Mapping(FailureKind.RETRYABLE, FailureReason.RATE_LIMITED),
            "RESOURCE_EXHAUSTED", new Mapping(FailureKind.RETRYABLE, FailureReason.RATE_LIMITED),
            "UNAVAILABLE", new Mapping(FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE),
            "INTERNAL", new Mapping(FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE),
            "THIRD_PARTY_AUTH_ERROR", new Mapping(FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED),
            "UNAUTHENTICATED", new Mapping(FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED),
            "PERMISSION_DENIED", new Mapping(FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED),
            "SENDER_ID_MISMATCH", new Mapping(FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED));

    /**
     * A classified FCM error.
     *
     * @param failure           the failure, without the idempotency key
     * @param tokenUnregistered whether FCM said the token no longer exists
     * @param accessTokenRejected whether FCM refused our OAuth access token (worth one fresh token and one retry)
     */
    public record Classified(DeliveryFailure failure, boolean tokenUnregistered, boolean accessTokenRejected) {
    }

    private FcmErrors() {
    }

    /**
     * Classifies an error answer of {@code messages:send}.
     *
     * @param status     the HTTP status (400 or more)
     * @param body       the response body (FCM's JSON error, or anything a proxy sent)
     * @param retryAfter the {@code Retry-After} header, or {@code null}
     * @param token      the device token, scrubbed from every message
     */
    public static Classified classify(int status, String body, String retryAfter, String token, Clock clock) {
        JsonNode error = parse(body).path("error");
        String canonical = text(error.path("status"));
        String fcmCode = null;
        String badField = null;
        for (JsonNode detail : error.path("details")) {
            String type = text(detail.path("@type"));
            if (FCM_ERROR.equals(type)) {
                fcmCode = text(detail.path("errorCode"));
            } else if (BAD_REQUEST.equals(type)) {
                for (JsonNode violation : detail.path("fieldViolations")) {
                    String field = text(violation.path("field"));
                    badField = badField == null ? field : badField;
                }
            }
        }
        String code = fcmCode != null && CODES.containsKey(fcmCode) ? fcmCode
                : canonical != null && CODES.containsKey(canonical) ? canonical : null;
        Mapping mapping = code != null ? CODES.get(code) : byStatus(status);
        FailureReason reason = mapping.reason();
        if ("INVALID_ARGUMENT".equals(code) && badField != null && badField.startsWith("message.token")) {
            reason = FailureReason.INVALID_ADDRESS;
        }
        String vendorCode = code != null ? code : canonical != null ? canonical + " (HTTP " + status + ")"
                : "HTTP " + status;
        String message = text(error.path("message"));
        DeliveryFailure.Builder failure = DeliveryFailure.of(Channel.PUSH, mapping.kind(), reason)
                .vendorCode(vendorCode)
                .vendorMessage(PersonalData.scrub(message != null ? truncate(message) : null, token));
        if (mapping.kind() == FailureKind.RETRYABLE) {
            failure.retryAfter(HttpFailures.retryAfter(retryAfter, clock).orElse(null));
        }
        boolean accessTokenRejected = status == 401 && !"THIRD_PARTY_AUTH_ERROR".equals(fcmCode);
        return new Classified(failure.build(), "UNREGISTERED".equals(code), accessTokenRejected);
    }

    /** A send that got no answer: RETRYABLE, TIMEOUT when it timed out, else CONNECTION_FAILED. */
    public static DeliveryFailure noAnswer(Throwable error) {
        Throwable cause = PersonalData.scrub(error);
        if (has(error, HttpTimeoutException.class)
                || has(error, SocketTimeoutException.class)) {
            return DeliveryFailure.retryable(Channel.PUSH, FailureReason.TIMEOUT)
                    .vendorMessage("FCM did not answer in time").cause(cause).build();
        }
        return DeliveryFailure.retryable(Channel.PUSH, FailureReason.CONNECTION_FAILED)
                .vendorMessage("FCM could not be reached: " + rootType(error)).cause(cause).build();
    }

    private static Mapping byStatus(int status) {
        HttpFailures.Mapping mapping = HttpFailures.byStatus(status);
        return new Mapping(mapping.kind(), mapping.reason());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode(); // an HTML error page of a proxy
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String truncate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootType(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
