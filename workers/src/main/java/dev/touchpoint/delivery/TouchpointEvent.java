package dev.touchpoint.delivery;

import java.time.Instant;

/**
 * What the pipeline did with one touchpoint, published as a Spring application event (synchronously, before the job
 * is completed) for the evidence ledger and metrics. A listener that cannot record it throws, and the job fails and
 * is retried: no touchpoint goes out, or is acknowledged, without its evidence. Never carries personal data: customer id, keys and reasons only.
 *
 * @param kind SENDING (right before the provider call), SENT, UNCONFIRMED, SUPPRESSED, DEFERRED, UNDELIVERABLE,
 *     RETRY_SCHEDULED
 * @param customerId the customer
 * @param idempotencyKey the touchpoint's key
 * @param journey process id and version, e.g. {@code welcome:3}
 * @param processInstanceKey the journey instance
 * @param elementId the BPMN element
 * @param channel the channel, lower case, or null when none was chosen
 * @param templateId the template
 * @param templateVersion the template version, when rendered
 * @param contentSha256 the rendered content's fingerprint, when rendered
 * @param reason suppression/undeliverable reason or deferral cause
 * @param detail human-readable detail without personal data
 * @param providerMessageId the provider's id, when sent
 * @param until DEFERRED: when it may go; RETRY_SCHEDULED: when it is retried
 * @param at when it happened
 * @param engine the engine incarnation the journey instance belongs to (empty: none), see
 *     {@link dev.touchpoint.engine.EngineRuntime#identity()}
 */
public record TouchpointEvent(
        String kind,
        String customerId,
        String idempotencyKey,
        String journey,
        long processInstanceKey,
        String elementId,
        String channel,
        String templateId,
        String templateVersion,
        String contentSha256,
        String reason,
        String detail,
        String providerMessageId,
        Instant until,
        Instant at,
        String engine) {

    public TouchpointEvent {
        engine = engine == null ? "" : engine;
    }

    /** An event of an engine without incarnation qualifier. */
    public TouchpointEvent(String kind, String customerId, String idempotencyKey, String journey, long processInstanceKey,
                           String elementId, String channel, String templateId, String templateVersion, String contentSha256,
                           String reason, String detail, String providerMessageId, Instant until, Instant at) {
        this(kind, customerId, idempotencyKey, journey, processInstanceKey, elementId, channel, templateId, templateVersion,
                contentSha256, reason, detail, providerMessageId, until, at, "");
    }
}
