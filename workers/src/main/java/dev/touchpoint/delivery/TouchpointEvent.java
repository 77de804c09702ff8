package dev.touchpoint.delivery;

import dev.touchpoint.channel.Channel;

import java.time.Instant;

/**
 * What the pipeline did with one touchpoint, published as a Spring application event (synchronously, before the job
 * is completed) for the evidence ledger and metrics. A listener that cannot record it throws, and the job fails and
 * is retried: no touchpoint goes out, or is acknowledged, without its evidence. Never carries personal data: customer
 * id, keys and reasons only.
 *
 * <p>One record per kind, each with only the facts that kind has, so that listeners handle them with an exhaustive
 * {@code switch} and the compiler tells them when a kind is added. The facts every kind shares are in its
 * {@link Header}. The stored name of each kind (ledger outcome, metric tag, simulation report) is {@link #kind()}.
 */
public sealed interface TouchpointEvent {

    /** Who, where and what: the facts every kind of event carries. */
    Header header();

    /**
     * The kind's stored name, the one place it is spelled: SENDING, SENT, UNCONFIRMED, SUPPRESSED, DEFERRED,
     * UNDELIVERABLE or RETRY_SCHEDULED. The evidence ledger stores it as the attempt's outcome.
     */
    default String kind() {
        return switch (this) {
            case Sending sending -> "SENDING";
            case Sent sent -> "SENT";
            case Unconfirmed unconfirmed -> "UNCONFIRMED";
            case Suppressed suppressed -> "SUPPRESSED";
            case Deferred deferred -> "DEFERRED";
            case Undeliverable undeliverable -> "UNDELIVERABLE";
            case RetryScheduled retryScheduled -> "RETRY_SCHEDULED";
        };
    }

    /**
     * The facts every event of a touchpoint shares.
     *
     * @param customerId the customer
     * @param idempotencyKey the touchpoint's key
     * @param journey process id and version, e.g. {@code welcome:3}
     * @param processInstanceKey the journey instance
     * @param elementId the BPMN element
     * @param channel the channel, or null when none was chosen
     * @param templateId the template
     * @param templateVersion the template version (of the rendered content, when rendered)
     * @param contentSha256 the rendered content's fingerprint, null when not rendered
     * @param at when it happened
     * @param engine the engine incarnation the journey instance belongs to (empty: none), see
     *     {@link dev.touchpoint.engine.EngineRuntime#identity()}
     */
    record Header(
            String customerId,
            String idempotencyKey,
            String journey,
            long processInstanceKey,
            String elementId,
            Channel channel,
            String templateId,
            String templateVersion,
            String contentSha256,
            Instant at,
            String engine) {

        public Header {
            engine = engine == null ? "" : engine;
        }
    }

    /** Right before the provider call: the evidence that a message may reach the provider. */
    record Sending(Header header) implements TouchpointEvent {
    }

    /** The provider accepted the message. */
    record Sent(Header header, String providerMessageId) implements TouchpointEvent {
    }

    /**
     * An interrupted earlier attempt whose outcome the provider could not tell: recorded, never sent again.
     *
     * @param reason why the outcome is unknown (INTERRUPTED)
     * @param detail human-readable detail without personal data
     */
    record Unconfirmed(Header header, String reason, String detail) implements TouchpointEvent {
    }

    /**
     * Withheld for good: the decision said no, or the customer has no address for the channel.
     *
     * @param reason the suppression reason
     * @param detail human-readable detail without personal data, or null
     */
    record Suppressed(Header header, String reason, String detail) implements TouchpointEvent {
    }

    /**
     * Withheld for now (quiet hours, budgets).
     *
     * @param reason the deferral cause
     * @param until when it may go
     */
    record Deferred(Header header, String reason, Instant until) implements TouchpointEvent {
    }

    /**
     * The provider refused the message for good.
     *
     * @param reason the failure reason
     * @param detail the failure with the vendor's code and message, without personal data
     */
    record Undeliverable(Header header, String reason, String detail) implements TouchpointEvent {
    }

    /**
     * The provider call failed in a way a later attempt may fix.
     *
     * @param reason the failure reason (ADAPTER_ERROR for an unforeseen error of the adapter)
     * @param detail the failure without personal data
     * @param until when it is retried, null when the engine's retry decides it alone (adapter errors)
     */
    record RetryScheduled(Header header, String reason, String detail, Instant until) implements TouchpointEvent {
    }
}
