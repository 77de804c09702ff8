package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.DeliveryEvidence;

import dev.touchpoint.delivery.EngagementTracking;

import dev.touchpoint.delivery.TouchpointEvent;

import dev.touchpoint.brand.ContentFingerprint;
import dev.touchpoint.brand.RenderedMessage;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.PersonalData;
import dev.touchpoint.channel.PriorAttempt;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.delivery.internal.DeliveryAttempts.Claim;
import dev.touchpoint.delivery.internal.TouchpointOutcome.InProgress;
import dev.touchpoint.delivery.internal.TouchpointOutcome.RetryLater;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Sent;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Suppressed;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Undeliverable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one rendered touchpoint the customer context decided to send, from the claim of its attempt marker
 * to the provider's answer (ADR-0009, ADR-0022). The marker ({@link DeliveryAttempts.Claim}) says whether this
 * activation may call the provider, must wait for another one, or must first find out what an interrupted attempt did:
 * from the durable evidence, then from the provider. Evidence is published before every step that could leave the
 * provider with a message and before every marker that records an outcome, so that no touchpoint is sent twice and
 * none goes out without its ledger entry.
 */
final class AttemptStateMachine {

    private static final Logger log = LoggerFactory.getLogger(AttemptStateMachine.class);

    private final CustomerContextStore context;
    private final DeliveryAttempts attempts;
    private final DeliveryEvidence evidence;
    private final RecipientResolver recipients;
    private final EngagementTracking tracking;
    private final TouchpointEvents events;
    private final TouchpointMetrics metrics;
    private final MeterRegistry meters;
    private final Clock clock;

    /** @param meters the registry for {@value TouchpointPipeline#UNCONFIRMED_METRIC}, or null */
    AttemptStateMachine(CustomerContextStore context, DeliveryAttempts attempts, DeliveryEvidence evidence,
                        RecipientResolver recipients, EngagementTracking tracking, TouchpointEvents events,
                        TouchpointMetrics metrics, MeterRegistry meters, Clock clock) {
        this.context = context;
        this.attempts = attempts;
        this.evidence = evidence;
        this.recipients = recipients;
        this.tracking = tracking;
        this.events = events;
        this.metrics = metrics;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * One touchpoint to deliver.
     *
     * @param key     its idempotency key (the job's, qualified by the channel for the best-channel task)
     * @param adapter the channel's adapter
     * @param send    the context's decision, holding the reservation to confirm or release
     */
    record Attempt(TouchpointJob job, Channel channel, TemplateDescriptor template, String key, ChannelAdapter adapter,
                   TouchpointDecision.Send send, CustomerProfile profile, RenderedMessage rendered) {

        ContentFingerprint fingerprint() {
            return rendered.fingerprint();
        }
    }

    /** Delivers it, unless an earlier attempt did, is doing, or may have done so. */
    TouchpointOutcome run(Attempt a) {
        if (!a.send().mustDeliver()) {
            return sent(a, a.send().providerMessageId());
        }
        Claim claim = attempts.begin(a.key());
        switch (claim) {
            case Claim.AlreadyDelivered delivered -> {
                context.confirm(a.send().reservation(), delivered.providerMessageId());
                if (sentOnRecord(a.job(), a.key())) {
                    return outcome(a, "SENT", delivered.providerMessageId());
                }
                return sent(a, delivered.providerMessageId());
            }
            case Claim.Unconfirmed unconfirmed -> {
                // recorded UNCONFIRMED (ledger entry first, then the marker) by the activation that gave up on it
                context.confirm(a.send().reservation(), "unconfirmed");
                return outcome(a, "UNCONFIRMED", null);
            }
            case Claim.InProgress inProgress -> {
                log.info("Touchpoint {} ({}): another activation ({}) is delivering it until {} at the latest; this one waits",
                        a.key(), a.job().where(), inProgress.owner(), inProgress.until());
                return new InProgress(a.channel(), inProgress.owner(), inProgress.until());
            }
            case Claim.Interrupted interrupted -> {
                return resolveInterrupted(a, interrupted.earlierFailures(), "the attempt of " + interrupted.owner()
                        + " overran its deadline or its process left the cluster without reporting an outcome");
            }
            case Claim.Granted granted -> {
                if (!granted.fresh()) {
                    return deliver(a, granted.earlierFailures());
                }
                return deliverAfterCheckingEvidence(a);
            }
        }
    }

    /**
     * No attempt marker was found: either this is the first attempt, or the marker was lost (the member holding it
     * was killed). The durable evidence tells which, and what became of an earlier attempt (ADR-0022).
     */
    private TouchpointOutcome deliverAfterCheckingEvidence(Attempt a) {
        DeliveryEvidence.AttemptHistory history;
        try {
            history = evidence.attempts(a.job().customerId(), a.key());
        } catch (RuntimeException unreadable) {
            int failures = attempts.failedRetryably(a.key()); // nothing was sent: the retry may try again
            log.warn("Touchpoint {} ({}): the evidence of earlier attempts cannot be read ({}); not sending now",
                    a.key(), a.job().where(), unreadable.toString());
            return new RetryLater(a.channel(), "the evidence of earlier attempts cannot be read: " + unreadable.getMessage(),
                    RetryBackoff.after(a.job(), failures, Optional.empty()));
        }
        if (history.outcomes().isEmpty() && a.job().variables().restartedFrom() != null) {
            history = earlierIncarnations(a.job());
        }
        if (history.sent()) {
            attempts.delivered(a.key(), history.providerMessageId());
            context.confirm(a.send().reservation(), history.providerMessageId());
            log.info("Touchpoint {} ({}): an earlier attempt was accepted by the provider ({}); not sending again",
                    a.key(), a.job().where(), history.providerMessageId());
            return outcome(a, "SENT", history.providerMessageId());
        }
        if (history.unconfirmed()) {
            attempts.unconfirmed(a.key());
            context.confirm(a.send().reservation(), "unconfirmed");
            return outcome(a, "UNCONFIRMED", null);
        }
        if (history.undeliverable()) {
            attempts.failedPermanently(a.key());
            context.release(a.send().reservation(), "an earlier attempt was undeliverable");
            return new Undeliverable(a.channel(), "UNDELIVERABLE", "an earlier attempt of this touchpoint failed permanently");
        }
        if (history.interrupted()) {
            return resolveInterrupted(a, history.retryableFailures(),
                    "the evidence records an attempt that started (SENDING) without an outcome: its process was killed"
                            + " or lost its attempt marker");
        }
        return deliver(a, history.retryableFailures());
    }

    /**
     * An earlier attempt may have reached the provider. Ask the provider (its own idempotency, or a lookup); send
     * only when it says a second send cannot deliver twice, otherwise record UNCONFIRMED, visibly, and never send.
     */
    private TouchpointOutcome resolveInterrupted(Attempt a, int earlierFailures, String why) {
        Optional<String> recipient = recipients.recipient(a.channel(), a.profile(), a.job().variables());
        PriorAttempt prior;
        if (recipient.isEmpty()) {
            prior = new PriorAttempt.Unknown("the customer has no " + a.channel().name().toLowerCase(Locale.ROOT)
                    + " address any more");
        } else {
            try {
                prior = a.adapter().priorAttempt(new OutboundMessage(a.key(), a.job().customerId(), recipient.get(),
                        tracking.track(ContentMapper.toContent(a.rendered()), a.job().customerId(), a.key())));
            } catch (RuntimeException lookupFailed) {
                prior = new PriorAttempt.Unknown("the provider lookup failed: "
                        + PersonalData.scrub(lookupFailed.toString(), recipient.get()));
            }
        }
        switch (prior) {
            case PriorAttempt.Accepted accepted -> {
                String id = accepted.receipt().providerMessageId();
                attempts.delivered(a.key(), id);
                context.confirm(a.send().reservation(), id);
                log.info("Touchpoint {} ({}): {}; the provider confirms it accepted it ({})", a.key(), a.job().where(), why, id);
                return sent(a, id);
            }
            case PriorAttempt.NotReceived notReceived -> {
                log.info("Touchpoint {} ({}): {}; the provider has no such message, sending it now", a.key(), a.job().where(), why);
                return deliver(a, earlierFailures);
            }
            case PriorAttempt.ResendIsDeduplicated deduplicated -> {
                log.info("Touchpoint {} ({}): {}; the provider de-duplicates by its key, sending again", a.key(), a.job().where(), why);
                return deliver(a, earlierFailures);
            }
            case PriorAttempt.Unknown unknown -> {
                String detail = why + "; " + unknown.why() + ": not sent again";
                log.warn("Touchpoint {} ({}) UNCONFIRMED: {}", a.key(), a.job().where(), detail);
                // evidence first, then the marker: an UNCONFIRMED marker always has its ledger entry
                publish(a, new TouchpointEvent.Unconfirmed(header(a), "INTERRUPTED", detail));
                attempts.unconfirmed(a.key());
                context.confirm(a.send().reservation(), "unconfirmed");
                if (meters != null) {
                    meters.counter(TouchpointPipeline.UNCONFIRMED_METRIC, "channel",
                            a.channel().name().toLowerCase(Locale.ROOT)).increment();
                }
                return outcome(a, "UNCONFIRMED", null);
            }
        }
    }

    /**
     * The attempts earlier incarnations of a restarted journey made at this element, latest incarnation with any
     * first (multi-instance iterations are not told apart: the restart answers the element as a whole).
     */
    private DeliveryEvidence.AttemptHistory earlierIncarnations(TouchpointJob job) {
        List<String> chain = new ArrayList<>(List.of(job.variables().restartedFrom().split(",")));
        Collections.reverse(chain);
        for (String link : chain) {
            int colon = link.strip().lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                DeliveryEvidence.AttemptHistory earlier = evidence.earlierIncarnation(job.customerId(),
                        link.strip().substring(0, colon), Long.parseLong(link.strip().substring(colon + 1)), job.elementId());
                if (!earlier.outcomes().isEmpty()) {
                    log.info("Touchpoint of {}: restarted journey, answered from the evidence of {}", job.where(), link.strip());
                    return earlier;
                }
            } catch (NumberFormatException notAKey) {
                log.warn("Touchpoint of {}: restartedFrom '{}' is not <engine>:<instance>; ignored", job.where(), link);
            }
        }
        return DeliveryEvidence.AttemptHistory.NONE;
    }

    /** Whether the evidence already holds a SENT attempt for the key (a failure to read it counts as no). */
    private boolean sentOnRecord(TouchpointJob job, String key) {
        try {
            return evidence.attempts(job.customerId(), key).sent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private TouchpointOutcome deliver(Attempt a, int earlierFailures) {
        Channel channel = a.channel();
        String key = a.key();
        Optional<String> recipient = recipients.recipient(channel, a.profile(), a.job().variables());
        if (recipient.isEmpty()) {
            attempts.failedPermanently(key);
            context.release(a.send().reservation(), "no " + channel + " address");
            publish(a, new TouchpointEvent.Suppressed(header(a), "UNREACHABLE", "no address on file"));
            return new Suppressed(channel, "UNREACHABLE", "no " + channel.name().toLowerCase(Locale.ROOT) + " address on file");
        }
        OutboundMessage message;
        try {
            message = new OutboundMessage(key, a.job().customerId(), recipient.get(),
                    tracking.track(ContentMapper.toContent(a.rendered()), a.job().customerId(), key));
            // evidence first: a message that reaches the provider always has its entry, even if we die right after
            publish(a, new TouchpointEvent.Sending(header(a)));
        } catch (RuntimeException notSent) {
            attempts.failedRetryably(key); // nothing was sent: the retried job must be allowed to send
            throw notSent;
        }
        DeliveryReceipt receipt;
        long started = System.nanoTime();
        try {
            receipt = a.adapter().send(message);
            metrics.providerCall(channel, System.nanoTime() - started, "accepted", null);
        } catch (DeliveryFailure failure) {
            metrics.providerCall(channel, System.nanoTime() - started, failure.kind().name().toLowerCase(Locale.ROOT),
                    failure.reason().name());
            return failed(a, earlierFailures, failure);
        } catch (RuntimeException unexpected) {
            metrics.providerCall(channel, System.nanoTime() - started, "error", "ADAPTER_ERROR");
            // an adapter bug or an unforeseen vendor error: treat as retryable, the incident shows it at 0 retries
            int failures = Math.max(attempts.failedRetryably(key), earlierFailures + 1);
            String detail = PersonalData.scrub(unexpected.toString(), recipient.get());
            publish(a, new TouchpointEvent.RetryScheduled(header(a), "ADAPTER_ERROR", detail, null));
            return new RetryLater(channel, detail, RetryBackoff.after(a.job(), failures, Optional.empty()));
        }
        attempts.delivered(key, receipt.providerMessageId());
        context.confirm(a.send().reservation(), receipt.providerMessageId());
        return sent(a, receipt.providerMessageId());
    }

    private TouchpointOutcome failed(Attempt a, int earlierFailures, DeliveryFailure failure) {
        Channel channel = a.channel();
        String detail = failure.reason() + (failure.vendorCode() == null ? "" : " (vendor code " + failure.vendorCode() + ")")
                + (failure.vendorMessage() == null ? "" : ": " + failure.vendorMessage());
        if (failure.kind() == FailureKind.PERMANENT) {
            attempts.failedPermanently(a.key());
            context.release(a.send().reservation(), failure.reason().name());
            recipients.forgetDeadAddress(channel, a.profile(), failure);
            publish(a, new TouchpointEvent.Undeliverable(header(a), failure.reason().name(), detail));
            return new Undeliverable(channel, failure.reason().name(), detail);
        }
        int failures = Math.max(attempts.failedRetryably(a.key()), earlierFailures + 1);
        if (failure.kind() == FailureKind.MISCONFIGURED) {
            throw new ProviderMisconfiguredException(channel, detail);
        }
        Duration backoff = RetryBackoff.after(a.job(), failures, failure.retryAfter());
        Instant retryAt = clock.instant().plus(backoff);
        publish(a, new TouchpointEvent.RetryScheduled(header(a), failure.reason().name(), detail, retryAt));
        return new RetryLater(channel, detail, backoff);
    }

    /** Publishes SENT, then answers it. */
    private Sent sent(Attempt a, String providerMessageId) {
        publish(a, new TouchpointEvent.Sent(header(a), providerMessageId));
        return outcome(a, "SENT", providerMessageId);
    }

    /** The outcome without publishing (its evidence is already recorded). */
    private static Sent outcome(Attempt a, String status, String providerMessageId) {
        ContentFingerprint fingerprint = a.fingerprint();
        return new Sent(a.channel(), status, providerMessageId, a.template().id(), fingerprint.templateVersion(),
                fingerprint.sha256(), fingerprint.locale());
    }

    private TouchpointEvent.Header header(Attempt a) {
        return events.header(a.job(), a.key(), a.channel(), a.template(), a.fingerprint());
    }

    private void publish(Attempt a, TouchpointEvent event) {
        events.publish(event, a.channel());
    }
}
