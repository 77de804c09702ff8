package dev.touchpoint.servicedesk;

import java.time.Instant;
import java.util.Map;

/**
 * A follow-up task for a service agent, as sent to the service desk (JSON, these field names).
 *
 * @param taskId             stable for the element instance that opens it (retries, a second worker, a redelivered
 *                           job): the service desk's idempotency key ({@code Idempotency-Key} header)
 * @param queue              the queue or group it goes to, e.g. {@code customer-care}
 * @param priority           {@code low}, {@code normal} or {@code high}
 * @param customerId         who it is about (the agent looks the customer up; no contact data here)
 * @param summary            one line
 * @param details            what the journey passed, as it passed it
 * @param journey            the journey and version that opened it, e.g. {@code service-recovery:1}
 * @param processInstanceKey the journey instance
 * @param createdAt          when the worker first built it
 */
public record ServiceDeskTask(String taskId, String queue, String priority, String customerId, String summary,
                              Map<String, Object> details, String journey, long processInstanceKey, Instant createdAt) {

    public ServiceDeskTask {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
