package dev.touchpoint.delivery;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.Category;
import dev.touchpoint.brand.ContentFingerprint;
import dev.touchpoint.brand.RenderException;
import dev.touchpoint.brand.RenderRequest;
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
import dev.touchpoint.context.ContactChannel;
import dev.touchpoint.context.CustomerContext;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRecord;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.TouchpointStatus;
import dev.touchpoint.delivery.DeliveryAttempts.Claim;
import dev.touchpoint.delivery.TouchpointOutcome.Deferred;
import dev.touchpoint.delivery.TouchpointOutcome.InProgress;
import dev.touchpoint.delivery.TouchpointOutcome.RetryLater;
import dev.touchpoint.delivery.TouchpointOutcome.Sent;
import dev.touchpoint.delivery.TouchpointOutcome.Suppressed;
import dev.touchpoint.delivery.TouchpointOutcome.Undeliverable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One touchpoint, end to end: load context, decide (atomically, with the reservation), render, deliver, record.
 * The job workers translate the {@link TouchpointOutcome} into the engine's terms; this class knows nothing of jobs
 * beyond {@link TouchpointJob}, so it is tested without an engine.
 */
public class TouchpointPipeline {

    private static final Logger log = LoggerFactory.getLogger(TouchpointPipeline.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration DEFAULT_OFFER_LIFETIME = Duration.ofDays(14);
    /** Touchpoints whose earlier attempt was interrupted and whose outcome stays unknown (never sent again). */
    public static final String UNCONFIRMED_METRIC = "touchpoint.delivery.unconfirmed";

    private final CustomerContextStore context;
    private final BrandDesignSystem brand;
    private final Map<Channel, ChannelAdapter> adapters;
    private final DeliveryAttempts attempts;
    private final RecipientResolver recipients;
    private final Consumer<TouchpointEvent> events;
    private final EngagementTracking tracking;
    private final Clock clock;
    private DeliveryEvidence evidence = DeliveryEvidence.NONE;
    private SurveyLinkIssuer surveys = SurveyLinkIssuer.NONE;
    private MeterRegistry meters;
    private TouchpointMetrics metrics;

    public TouchpointPipeline(
            CustomerContextStore context,
            BrandDesignSystem brand,
            List<ChannelAdapter> adapters,
            DeliveryAttempts attempts,
            RecipientResolver recipients,
            Consumer<TouchpointEvent> events,
            Clock clock) {
        this(context, brand, adapters, attempts, recipients, events, EngagementTracking.NONE, clock);
    }

    public TouchpointPipeline(
            CustomerContextStore context,
            BrandDesignSystem brand,
            List<ChannelAdapter> adapters,
            DeliveryAttempts attempts,
            RecipientResolver recipients,
            Consumer<TouchpointEvent> events,
            EngagementTracking tracking,
            Clock clock) {
        this.context = context;
        this.brand = brand;
        this.adapters = new EnumMap<>(Channel.class);
        for (ChannelAdapter adapter : adapters) {
            this.adapters.put(adapter.channel(), adapter);
        }
        this.attempts = attempts;
        this.recipients = recipients;
        this.events = events;
        this.tracking = tracking;
        this.clock = clock;
        this.metrics = new TouchpointMetrics(null, clock);
    }

    /** Reads the durable record of earlier attempts before a touchpoint without attempt marker is sent (ADR-0022). */
    public TouchpointPipeline evidence(DeliveryEvidence evidence) {
        this.evidence = evidence;
        return this;
    }

    /** Issues the answer links of survey templates (ADR-0026). */
    public TouchpointPipeline surveys(SurveyLinkIssuer surveys) {
        this.surveys = surveys;
        return this;
    }

    /**
     * Counts UNCONFIRMED touchpoints ({@value #UNCONFIRMED_METRIC}, tag channel) and the business metrics of
     * {@link TouchpointMetrics}.
     */
    public TouchpointPipeline meters(MeterRegistry meters) {
        this.meters = meters;
        this.metrics = new TouchpointMetrics(meters, clock);
        return this;
    }

    /** The business metrics and the provider activity this pipeline records. */
    public TouchpointMetrics metrics() {
        return metrics;
    }

    /** A touchpoint on one given channel. */
    public TouchpointOutcome run(TouchpointJob job, Channel channel) {
        TemplateDescriptor template = template(job, channel);
        return runOn(job, channel, template, job.idempotencyKey());
    }

    /**
     * The best channel: candidates are the task's {@code channels} header, else the template's channels; ordered by
     * the customer's preferences, then the channel least recently used for this customer, with the fallback channel
     * last. The first candidate that sends wins; a candidate withheld for a reason of its own (no consent there,
     * unreachable, its budget) or refused by its provider gives way to the next.
     */
    public TouchpointOutcome runBestChannel(TouchpointJob job) {
        TemplateDescriptor template = brand.descriptor(job.settings().templateId())
                .orElseThrow(() -> unknownTemplate(job));
        List<Channel> candidates = candidates(job, template);
        if (candidates.isEmpty()) {
            throw new TaskMisconfiguredException("template '" + template.id() + "' supports none of the channels this"
                    + " task allows (" + job.settings().channels() + ") that have an adapter configured (" + adapters.keySet() + ")");
        }
        TouchpointOutcome firstRefusal = null;
        Deferred earliestDeferral = null;
        for (Channel channel : candidates) {
            TouchpointOutcome outcome = runOn(job, channel, template, job.idempotencyKey() + "-" + channel.name().toLowerCase(Locale.ROOT));
            switch (outcome) {
                case Sent sent -> {
                    return sent;
                }
                case RetryLater retry -> {
                    return retry;
                }
                case InProgress inProgress -> {
                    return inProgress;
                }
                case Deferred deferred -> {
                    if (earliestDeferral == null || deferred.until().isBefore(earliestDeferral.until())) {
                        earliestDeferral = deferred;
                    }
                }
                case Suppressed suppressed -> {
                    if (firstRefusal == null) {
                        firstRefusal = suppressed;
                    }
                }
                case Undeliverable undeliverable -> {
                    if (firstRefusal == null) {
                        firstRefusal = undeliverable;
                    }
                }
            }
        }
        return earliestDeferral != null ? earliestDeferral : firstRefusal;
    }

    List<Channel> candidates(TouchpointJob job, TemplateDescriptor template) {
        Set<Channel> allowed = new LinkedHashSet<>();
        List<Channel> requested = job.settings().channels().isEmpty()
                ? template.channels().stream().map(c -> Channel.valueOf(c.name())).sorted().toList()
                : job.settings().channels();
        for (Channel channel : requested) {
            if (template.supports(dev.touchpoint.brand.Channel.valueOf(channel.name())) && adapters.containsKey(channel)) {
                allowed.add(channel);
            }
        }
        Optional<CustomerContext> customer = context.findContext(job.customerId());
        List<ContactChannel> preferred = customer.map(c -> c.profile().preferences().preferred()).orElse(List.of());
        Map<Channel, Instant> lastUsed = new HashMap<>();
        customer.ifPresent(c -> {
            for (TouchpointRecord record : c.touchpoints()) {
                if (record.counts()) {
                    lastUsed.merge(Channel.valueOf(record.channel().name()), record.decidedAt(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        });
        Optional<Channel> fallback = job.settings().fallbackChannel();
        Comparator<Channel> order = Comparator
                .comparing((Channel c) -> fallback.filter(c::equals).isPresent())
                .thenComparing(c -> {
                    int index = preferred.indexOf(ContactChannel.valueOf(c.name()));
                    return index < 0 ? Integer.MAX_VALUE : index;
                })
                .thenComparing(c -> lastUsed.getOrDefault(c, Instant.MIN));
        List<Channel> ordered = new ArrayList<>(allowed);
        ordered.sort(order);
        return ordered;
    }

    private TouchpointOutcome runOn(TouchpointJob job, Channel channel, TemplateDescriptor template, String key) {
        ChannelAdapter adapter = adapters.get(channel);
        if (adapter == null) {
            throw new TaskMisconfiguredException("no " + channel.name().toLowerCase(Locale.ROOT)
                    + " adapter is configured in this Touchpoint; configured channels: " + adapters.keySet());
        }
        Purpose purpose = purposeOf(job, template);
        Map<String, Object> journeyVariables = job.variables().templateVariables();
        String offerId = offerId(journeyVariables);

        TouchpointDecision decision = context.decide(new TouchpointRequest(
                job.customerId(), ContactChannel.valueOf(channel.name()), purpose, job.settings().priority(),
                job.journey(), template.id() + "@" + template.version(), key,
                offerId, offerId == null ? null : offerExpiry(journeyVariables), template.survey().isPresent()));

        switch (decision) {
            case TouchpointDecision.Suppress suppress -> metrics.decision(channel, "SUPPRESS", suppress.reason().name());
            case TouchpointDecision.Defer defer -> metrics.decision(channel, "DEFER", defer.reason().name());
            case TouchpointDecision.Send send -> metrics.decision(channel, "SEND", null);
        }
        return switch (decision) {
            case TouchpointDecision.Suppress suppress -> {
                publish(job, key, "SUPPRESSED", channel, template, null, suppress.reason().name(), suppress.detail(), null, null);
                yield new Suppressed(channel, suppress.reason().name(), suppress.detail());
            }
            case TouchpointDecision.Defer defer -> {
                publish(job, key, "DEFERRED", channel, template, null, defer.reason().name(), null, null, defer.until());
                yield new Deferred(channel, defer.until(), defer.reason().name());
            }
            case TouchpointDecision.Send send -> send(job, channel, template, key, adapter, send);
        };
    }

    private TouchpointOutcome send(TouchpointJob job, Channel channel, TemplateDescriptor template, String key,
                                   ChannelAdapter adapter, TouchpointDecision.Send send) {
        if (send.status() == TouchpointStatus.RELEASED) {
            return new Undeliverable(channel, "RELEASED", "an earlier attempt of this touchpoint failed permanently");
        }
        CustomerProfile profile = context.findProfile(job.customerId())
                .orElseThrow(() -> new IllegalStateException("customer " + job.customerId() + " decided but has no profile"));
        RenderedMessage rendered;
        try {
            rendered = brand.render(renderRequest(job, channel, template, profile, key));
        } catch (RenderException e) {
            // nothing reached a provider: the reservation stays PENDING, so retrying the incident after the designer
            // fixed the variables or the template renders and sends (ADR-0009 4, ADR-0022)
            throw new TaskMisconfiguredException("template '" + template.id() + "' cannot be rendered for "
                    + job.where() + ": " + e.getMessage());
        }
        ContentFingerprint fingerprint = rendered.fingerprint();
        if (!send.mustDeliver()) {
            return sent(job, key, channel, template, fingerprint, "SENT", send.providerMessageId());
        }
        Claim claim = attempts.begin(key);
        switch (claim) {
            case Claim.AlreadyDelivered delivered -> {
                context.confirm(send.reservation(), delivered.providerMessageId());
                if (sentOnRecord(job, key)) {
                    return outcome(channel, template, fingerprint, "SENT", delivered.providerMessageId());
                }
                return sent(job, key, channel, template, fingerprint, "SENT", delivered.providerMessageId());
            }
            case Claim.Unconfirmed unconfirmed -> {
                // recorded UNCONFIRMED (ledger entry first, then the marker) by the activation that gave up on it
                context.confirm(send.reservation(), "unconfirmed");
                return outcome(channel, template, fingerprint, "UNCONFIRMED", null);
            }
            case Claim.InProgress inProgress -> {
                log.info("Touchpoint {} ({}): another activation ({}) is delivering it until {} at the latest; this one waits",
                        key, job.where(), inProgress.owner(), inProgress.until());
                return new InProgress(channel, inProgress.owner(), inProgress.until());
            }
            case Claim.Interrupted interrupted -> {
                return resolveInterrupted(job, channel, template, key, adapter, send, profile, rendered,
                        interrupted.earlierFailures(), "the attempt of " + interrupted.owner() + " overran its deadline or its"
                                + " process left the cluster without reporting an outcome");
            }
            case Claim.Granted granted -> {
                if (!granted.fresh()) {
                    return deliver(job, channel, template, key, adapter, send, profile, rendered, granted.earlierFailures());
                }
                return deliverAfterCheckingEvidence(job, channel, template, key, adapter, send, profile, rendered);
            }
        }
    }

    /**
     * No attempt marker was found: either this is the first attempt, or the marker was lost (the member holding it
     * was killed). The durable evidence tells which, and what became of an earlier attempt (ADR-0022).
     */
    private TouchpointOutcome deliverAfterCheckingEvidence(TouchpointJob job, Channel channel, TemplateDescriptor template,
                                                           String key, ChannelAdapter adapter, TouchpointDecision.Send send,
                                                           CustomerProfile profile, RenderedMessage rendered) {
        DeliveryEvidence.AttemptHistory history;
        try {
            history = evidence.attempts(job.customerId(), key);
        } catch (RuntimeException unreadable) {
            int failures = attempts.failedRetryably(key); // nothing was sent: the retry may try again
            log.warn("Touchpoint {} ({}): the evidence of earlier attempts cannot be read ({}); not sending now",
                    key, job.where(), unreadable.toString());
            return new RetryLater(channel, "the evidence of earlier attempts cannot be read: " + unreadable.getMessage(),
                    backoff(job, failures, Optional.empty()));
        }
        ContentFingerprint fingerprint = rendered.fingerprint();
        if (history.outcomes().isEmpty() && job.variables().restartedFrom() != null) {
            history = earlierIncarnations(job);
        }
        if (history.sent()) {
            attempts.delivered(key, history.providerMessageId());
            context.confirm(send.reservation(), history.providerMessageId());
            log.info("Touchpoint {} ({}): an earlier attempt was accepted by the provider ({}); not sending again",
                    key, job.where(), history.providerMessageId());
            return outcome(channel, template, fingerprint, "SENT", history.providerMessageId());
        }
        if (history.unconfirmed()) {
            attempts.unconfirmed(key);
            context.confirm(send.reservation(), "unconfirmed");
            return outcome(channel, template, fingerprint, "UNCONFIRMED", null);
        }
        if (history.undeliverable()) {
            attempts.failedPermanently(key);
            context.release(send.reservation(), "an earlier attempt was undeliverable");
            return new Undeliverable(channel, "UNDELIVERABLE", "an earlier attempt of this touchpoint failed permanently");
        }
        if (history.interrupted()) {
            return resolveInterrupted(job, channel, template, key, adapter, send, profile, rendered, history.retryableFailures(),
                    "the evidence records an attempt that started (SENDING) without an outcome: its process was killed"
                            + " or lost its attempt marker");
        }
        return deliver(job, channel, template, key, adapter, send, profile, rendered, history.retryableFailures());
    }

    /**
     * An earlier attempt may have reached the provider. Ask the provider (its own idempotency, or a lookup); send
     * only when it says a second send cannot deliver twice, otherwise record UNCONFIRMED, visibly, and never send.
     */
    private TouchpointOutcome resolveInterrupted(TouchpointJob job, Channel channel, TemplateDescriptor template, String key,
                                                 ChannelAdapter adapter, TouchpointDecision.Send send, CustomerProfile profile,
                                                 RenderedMessage rendered, int earlierFailures, String why) {
        Optional<String> recipient = recipients.recipient(channel, profile, job.variables());
        PriorAttempt prior;
        if (recipient.isEmpty()) {
            prior = new PriorAttempt.Unknown("the customer has no " + channel.name().toLowerCase(Locale.ROOT) + " address any more");
        } else {
            try {
                prior = adapter.priorAttempt(new OutboundMessage(key, job.customerId(), recipient.get(),
                        tracking.track(ContentMapper.toContent(rendered), job.customerId(), key)));
            } catch (RuntimeException lookupFailed) {
                prior = new PriorAttempt.Unknown("the provider lookup failed: "
                        + PersonalData.scrub(lookupFailed.toString(), recipient.get()));
            }
        }
        switch (prior) {
            case PriorAttempt.Accepted accepted -> {
                String id = accepted.receipt().providerMessageId();
                attempts.delivered(key, id);
                context.confirm(send.reservation(), id);
                log.info("Touchpoint {} ({}): {}; the provider confirms it accepted it ({})", key, job.where(), why, id);
                return sent(job, key, channel, template, rendered.fingerprint(), "SENT", id);
            }
            case PriorAttempt.NotReceived notReceived -> {
                log.info("Touchpoint {} ({}): {}; the provider has no such message, sending it now", key, job.where(), why);
                return deliver(job, channel, template, key, adapter, send, profile, rendered, earlierFailures);
            }
            case PriorAttempt.ResendIsDeduplicated deduplicated -> {
                log.info("Touchpoint {} ({}): {}; the provider de-duplicates by its key, sending again", key, job.where(), why);
                return deliver(job, channel, template, key, adapter, send, profile, rendered, earlierFailures);
            }
            case PriorAttempt.Unknown unknown -> {
                String detail = why + "; " + unknown.why() + ": not sent again";
                log.warn("Touchpoint {} ({}) UNCONFIRMED: {}", key, job.where(), detail);
                // evidence first, then the marker: an UNCONFIRMED marker always has its ledger entry
                publish(job, key, "UNCONFIRMED", channel, template, rendered.fingerprint(), "INTERRUPTED", detail, null, null);
                attempts.unconfirmed(key);
                context.confirm(send.reservation(), "unconfirmed");
                if (meters != null) {
                    meters.counter(UNCONFIRMED_METRIC, "channel", channel.name().toLowerCase(Locale.ROOT)).increment();
                }
                return outcome(channel, template, rendered.fingerprint(), "UNCONFIRMED", null);
            }
        }
    }

    /**
     * The attempts earlier incarnations of a restarted journey made at this element, latest incarnation with any
     * first (multi-instance iterations are not told apart: the restart answers the element as a whole).
     */
    private DeliveryEvidence.AttemptHistory earlierIncarnations(TouchpointJob job) {
        List<String> chain = new ArrayList<>(List.of(job.variables().restartedFrom().split(",")));
        java.util.Collections.reverse(chain);
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

    private TouchpointOutcome deliver(TouchpointJob job, Channel channel, TemplateDescriptor template, String key,
                                      ChannelAdapter adapter, TouchpointDecision.Send send, CustomerProfile profile,
                                      RenderedMessage rendered, int earlierFailures) {
        Optional<String> recipient = recipients.recipient(channel, profile, job.variables());
        if (recipient.isEmpty()) {
            attempts.failedPermanently(key);
            context.release(send.reservation(), "no " + channel + " address");
            publish(job, key, "SUPPRESSED", channel, template, rendered.fingerprint(), "UNREACHABLE", "no address on file", null, null);
            return new Suppressed(channel, "UNREACHABLE", "no " + channel.name().toLowerCase(Locale.ROOT) + " address on file");
        }
        OutboundMessage message;
        try {
            message = new OutboundMessage(key, job.customerId(), recipient.get(),
                    tracking.track(ContentMapper.toContent(rendered), job.customerId(), key));
            // evidence first: a message that reaches the provider always has its entry, even if we die right after
            publish(job, key, "SENDING", channel, template, rendered.fingerprint(), null, null, null, null);
        } catch (RuntimeException notSent) {
            attempts.failedRetryably(key); // nothing was sent: the retried job must be allowed to send
            throw notSent;
        }
        DeliveryReceipt receipt;
        long started = System.nanoTime();
        try {
            receipt = adapter.send(message);
            metrics.providerCall(channel, System.nanoTime() - started, "accepted", null);
        } catch (DeliveryFailure failure) {
            metrics.providerCall(channel, System.nanoTime() - started, failure.kind().name().toLowerCase(Locale.ROOT),
                    failure.reason().name());
            return failed(job, channel, template, key, send, profile, rendered, earlierFailures, failure);
        } catch (RuntimeException unexpected) {
            metrics.providerCall(channel, System.nanoTime() - started, "error", "ADAPTER_ERROR");
            // an adapter bug or an unforeseen vendor error: treat as retryable, the incident shows it at 0 retries
            int failures = Math.max(attempts.failedRetryably(key), earlierFailures + 1);
            String detail = PersonalData.scrub(unexpected.toString(), recipient.get());
            publish(job, key, "RETRY_SCHEDULED", channel, template, rendered.fingerprint(), "ADAPTER_ERROR", detail, null, null);
            return new RetryLater(channel, detail, backoff(job, failures, Optional.empty()));
        }
        attempts.delivered(key, receipt.providerMessageId());
        context.confirm(send.reservation(), receipt.providerMessageId());
        return sent(job, key, channel, template, rendered.fingerprint(), "SENT", receipt.providerMessageId());
    }

    private TouchpointOutcome failed(TouchpointJob job, Channel channel, TemplateDescriptor template, String key,
                                     TouchpointDecision.Send send, CustomerProfile profile, RenderedMessage rendered,
                                     int earlierFailures, DeliveryFailure failure) {
        String detail = failure.reason() + (failure.vendorCode() == null ? "" : " (vendor code " + failure.vendorCode() + ")")
                + (failure.vendorMessage() == null ? "" : ": " + failure.vendorMessage());
        if (failure.kind() == FailureKind.PERMANENT) {
            attempts.failedPermanently(key);
            context.release(send.reservation(), failure.reason().name());
            recipients.forgetDeadAddress(channel, profile, failure);
            publish(job, key, "UNDELIVERABLE", channel, template, rendered.fingerprint(), failure.reason().name(), detail, null, null);
            return new Undeliverable(channel, failure.reason().name(), detail);
        }
        int failures = Math.max(attempts.failedRetryably(key), earlierFailures + 1);
        if (failure.kind() == FailureKind.MISCONFIGURED) {
            throw new ProviderMisconfiguredException(channel, detail);
        }
        Duration backoff = backoff(job, failures, failure.retryAfter());
        publish(job, key, "RETRY_SCHEDULED", channel, template, rendered.fingerprint(), failure.reason().name(), detail,
                null, clock.instant().plus(backoff));
        return new RetryLater(channel, detail, backoff);
    }

    /** Exponential: base, 2x base, 4x base... capped at one hour; never shorter than the provider's Retry-After. */
    static Duration backoff(TouchpointJob job, int failures, Optional<Duration> retryAfter) {
        Duration base = job.settings().retryBackoff();
        int exponent = Math.max(0, Math.min(failures - 1, 16));
        Duration uncapped = base.multipliedBy(1L << exponent);
        Duration exponential = uncapped.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : uncapped;
        return retryAfter.filter(r -> r.compareTo(exponential) > 0).orElse(exponential);
    }

    private Sent sent(TouchpointJob job, String key, Channel channel, TemplateDescriptor template,
                      ContentFingerprint fingerprint, String status, String providerMessageId) {
        publish(job, key, status.equals("SENT") ? "SENT" : "UNCONFIRMED", channel, template, fingerprint, null, null, providerMessageId, null);
        return outcome(channel, template, fingerprint, status, providerMessageId);
    }

    /** The outcome without publishing (its evidence is already recorded). */
    private static Sent outcome(Channel channel, TemplateDescriptor template, ContentFingerprint fingerprint, String status,
                                String providerMessageId) {
        return new Sent(channel, status, providerMessageId, template.id(), fingerprint.templateVersion(), fingerprint.sha256(),
                fingerprint.locale());
    }

    private RenderRequest renderRequest(TouchpointJob job, Channel channel, TemplateDescriptor template, CustomerProfile profile,
                                        String key) {
        Map<String, Object> variables = new HashMap<>();
        if (profile.givenName() != null) {
            variables.put("firstName", profile.givenName());
        }
        if (profile.familyName() != null) {
            variables.put("lastName", profile.familyName());
        }
        if (profile.loyaltyTier() != null) {
            variables.put("loyaltyTier", profile.loyaltyTier());
        }
        variables.putAll(job.variables().templateVariables());
        RenderRequest.Builder request = RenderRequest.builder(template.id(), dev.touchpoint.brand.Channel.valueOf(channel.name()))
                .locale(profile.locale() == null ? Locale.forLanguageTag(brand.defaultLocale()) : profile.locale())
                .zone(profile.timeZone() == null ? java.time.ZoneOffset.UTC : profile.timeZone())
                .variables(variables);
        if (template.category() == Category.MARKETING || job.settings().purpose().orElse(null) == Purpose.MARKETING) {
            request.unsubscribeToken(recipients.unsubscribeToken(job.customerId(), channel));
        }
        if (template.survey().isPresent()) {
            Locale locale = profile.locale() == null ? Locale.forLanguageTag(brand.defaultLocale()) : profile.locale();
            Object measures = job.variables().templateVariables().get("measures");
            request.surveyLinks(surveys.issue(new SurveyLinkIssuer.Invitation(key, job.customerId(), template.id(),
                    template.survey().get(), job.journey(), measures == null ? null : measures.toString(), channel,
                    brand.resolveLocale(locale))));
        }
        return request.build();
    }

    /**
     * The purpose a touchpoint is decided under: the template's category, which a task's {@code category} header may
     * only make stricter (a transactional template sent as marketing), never looser: a marketing template stays
     * marketing (opt-in, budgets, quiet hours) whatever the header says. The journey lint refuses such a header at
     * deploy; a diagram deployed around the lint is logged and sent as marketing.
     */
    static Purpose purposeOf(TouchpointJob job, TemplateDescriptor template) {
        Optional<Purpose> asked = job.settings().purpose();
        if (template.category() == Category.MARKETING) {
            if (asked.orElse(Purpose.MARKETING) != Purpose.MARKETING) {
                log.warn("Journey {} asks to send marketing template {} as transactional (task header category); sent as marketing",
                        job.journey(), template.id());
            }
            return Purpose.MARKETING;
        }
        return asked.orElse(Purpose.TRANSACTIONAL);
    }

    private TemplateDescriptor template(TouchpointJob job, Channel channel) {
        TemplateDescriptor template = brand.descriptor(job.settings().templateId()).orElseThrow(() -> unknownTemplate(job));
        if (!template.supports(dev.touchpoint.brand.Channel.valueOf(channel.name()))) {
            throw new TaskMisconfiguredException("templateId", template.id(), "has no " + channel.name().toLowerCase(Locale.ROOT)
                    + " version (it supports " + template.channels() + "): pick another template or task type");
        }
        return template;
    }

    private TaskMisconfiguredException unknownTemplate(TouchpointJob job) {
        return new TaskMisconfiguredException("templateId", job.settings().templateId(), "is not a template of the brand design"
                + " system; known templates: " + brand.templates().stream().map(TemplateDescriptor::id).sorted().toList());
    }

    private static String offerId(Map<String, Object> variables) {
        Object code = variables.get("offerCode");
        return code == null || code.toString().isBlank() ? null : code.toString();
    }

    private Instant offerExpiry(Map<String, Object> variables) {
        Object expires = variables.get("offerExpiresAt");
        if (expires != null) {
            try {
                return Instant.parse(expires.toString());
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(expires.toString()).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    // fall through to the default lifetime
                }
            }
        }
        return clock.instant().plus(DEFAULT_OFFER_LIFETIME);
    }

    private void publish(TouchpointJob job, String key, String kind, Channel channel, TemplateDescriptor template,
                         ContentFingerprint fingerprint, String reason, String detail, String providerMessageId, Instant until) {
        events.accept(new TouchpointEvent(kind, job.customerId(), key, job.journey(), job.processInstanceKey(), job.elementId(),
                channel == null ? null : channel.name().toLowerCase(Locale.ROOT), template.id(),
                fingerprint == null ? template.version() : fingerprint.templateVersion(),
                fingerprint == null ? null : fingerprint.sha256(), reason, detail, providerMessageId, until, clock.instant(),
                job.engine()));
        if (!"SENDING".equals(kind)) {
            // after every listener (the ledger) accepted it: an outcome whose evidence failed is retried, not counted
            metrics.touchpoint(kind, channel, reason);
        }
    }
}
