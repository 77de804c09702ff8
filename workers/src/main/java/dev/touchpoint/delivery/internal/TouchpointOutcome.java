package dev.touchpoint.delivery.internal;

import dev.touchpoint.channel.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What became of one touchpoint job; the workers turn it into a job completion, a BPMN error or a failed job. */
public sealed interface TouchpointOutcome {

    /**
     * Delivered (or delivered earlier, by an attempt of the same element instance).
     *
     * @param status {@code SENT}, or {@code UNCONFIRMED} when an earlier attempt was interrupted after it may have
     *     reached the provider: it is not sent again (at most once), and the result says so
     */
    record Sent(Channel channel, String status, String messageId, String templateId, String templateVersion,
                String contentHash, String locale) implements TouchpointOutcome {

        public Map<String, Object> result() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("channel", channel.name().toLowerCase());
            result.put("status", status);
            result.put("messageId", messageId);
            result.put("templateId", templateId);
            result.put("templateVersion", templateVersion);
            result.put("contentHash", contentHash);
            result.put("locale", locale);
            return result;
        }
    }

    /** Withheld by the customer context: no consent, budget exhausted, unreachable, unknown customer. */
    record Suppressed(Channel channel, String reason, String detail) implements TouchpointOutcome {

        public Map<String, Object> result() {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("channel", channel == null ? null : channel.name().toLowerCase());
            result.put("status", "SUPPRESSED");
            result.put("reason", reason);
            return result;
        }
    }

    /** Not now (quiet hours): try again at {@code until}. */
    record Deferred(Channel channel, Instant until, String reason) implements TouchpointOutcome {}

    /** The provider refused it for good (invalid address, unsubscribed, unregistered device, kiosk offline). */
    record Undeliverable(Channel channel, String reason, String detail) implements TouchpointOutcome {}

    /**
     * Another activation of the same touchpoint is delivering it right now (the job timed out while its first handler
     * still runs): wait until {@code until}, the deadline of that attempt, with the retries unchanged.
     */
    record InProgress(Channel channel, String owner, Instant until) implements TouchpointOutcome {}

    /** The provider failed for now (timeout, 5xx, rate limit): retry after {@code backoff}. */
    record RetryLater(Channel channel, String detail, Duration backoff) implements TouchpointOutcome {}
}
