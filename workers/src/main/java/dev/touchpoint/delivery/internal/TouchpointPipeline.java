package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.DeliveryEvidence;

import dev.touchpoint.delivery.SurveyLinkIssuer;

import dev.touchpoint.delivery.EngagementTracking;

import dev.touchpoint.delivery.TouchpointEvent;

import dev.touchpoint.delivery.DeliveryMonitor;
import dev.touchpoint.delivery.ProviderActivity;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.Category;
import dev.touchpoint.brand.RenderException;
import dev.touchpoint.brand.RenderedMessage;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.TouchpointStatus;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Deferred;
import dev.touchpoint.delivery.internal.TouchpointOutcome.InProgress;
import dev.touchpoint.delivery.internal.TouchpointOutcome.RetryLater;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Sent;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Suppressed;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Undeliverable;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One touchpoint, end to end: load context, decide (atomically, with the reservation), render, deliver, record.
 * The job workers translate the {@link TouchpointOutcome} into the engine's terms; this class knows nothing of jobs
 * beyond {@link TouchpointJob}, so it is tested without an engine.
 *
 * <p>It orchestrates; the steps are its package's: {@link ChannelRanking} orders the best-channel task's candidates,
 * {@link OfferTerms} reads the offer a touchpoint carries, {@link RenderRequests} says what to render,
 * {@link AttemptStateMachine} delivers what was decided and rendered (attempt markers, evidence, provider lookups),
 * {@link RetryBackoff} spaces the retries, and {@link TouchpointEvents} publishes the evidence and counts it.
 */
public class TouchpointPipeline implements DeliveryMonitor {

    private static final Logger log = LoggerFactory.getLogger(TouchpointPipeline.class);
    /** Touchpoints whose earlier attempt was interrupted and whose outcome stays unknown (never sent again). */
    public static final String UNCONFIRMED_METRIC = "touchpoint.delivery.unconfirmed";

    private final CustomerContextStore context;
    private final BrandDesignSystem brand;
    private final Map<Channel, ChannelAdapter> adapters;
    private final DeliveryAttempts attempts;
    private final RecipientResolver recipients;
    private final Consumer<TouchpointEvent> listeners;
    private final EngagementTracking tracking;
    private final Clock clock;
    private final ChannelRanking ranking;
    private final OfferTerms offers;
    private DeliveryEvidence evidence = DeliveryEvidence.NONE;
    private SurveyLinkIssuer surveys = SurveyLinkIssuer.NONE;
    private MeterRegistry meters;
    private TouchpointMetrics metrics;
    // built from the settings above by wire(), again whenever one of them changes
    private TouchpointEvents events;
    private RenderRequests renderRequests;
    private AttemptStateMachine attempt;

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
        this.listeners = events;
        this.tracking = tracking;
        this.clock = clock;
        this.ranking = new ChannelRanking(context, this.adapters.keySet());
        this.offers = new OfferTerms(clock);
        this.metrics = new TouchpointMetrics(null, clock);
        wire();
    }

    /** Reads the durable record of earlier attempts before a touchpoint without attempt marker is sent (ADR-0022). */
    public TouchpointPipeline evidence(DeliveryEvidence evidence) {
        this.evidence = evidence;
        wire();
        return this;
    }

    /** Issues the answer links of survey templates (ADR-0026). */
    public TouchpointPipeline surveys(SurveyLinkIssuer surveys) {
        this.surveys = surveys;
        wire();
        return this;
    }

    /**
     * Counts UNCONFIRMED touchpoints ({@value #UNCONFIRMED_METRIC}, tag channel) and the business metrics of
     * {@link TouchpointMetrics}.
     */
    public TouchpointPipeline meters(MeterRegistry meters) {
        this.meters = meters;
        this.metrics = new TouchpointMetrics(meters, clock);
        wire();
        return this;
    }

    private void wire() {
        this.events = new TouchpointEvents(listeners, metrics, clock);
        this.renderRequests = new RenderRequests(brand, recipients, surveys);
        this.attempt = new AttemptStateMachine(context, attempts, evidence, recipients, tracking, events, metrics, meters, clock);
    }

    /** The business metrics and the provider activity this pipeline records. */
    @Override
    public ProviderActivity providerActivity(Channel channel) {
        return metrics.providerActivity(channel);
    }

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
        List<Channel> candidates = ranking.candidates(job, template);
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

    private TouchpointOutcome runOn(TouchpointJob job, Channel channel, TemplateDescriptor template, String key) {
        ChannelAdapter adapter = adapters.get(channel);
        if (adapter == null) {
            throw new TaskMisconfiguredException("no " + channel.name().toLowerCase(Locale.ROOT)
                    + " adapter is configured in this Touchpoint; configured channels: " + adapters.keySet());
        }
        Purpose purpose = purposeOf(job, template);
        Map<String, Object> journeyVariables = job.variables().templateVariables();
        String offerId = OfferTerms.offerId(journeyVariables);

        TouchpointDecision decision = context.decide(new TouchpointRequest(
                job.customerId(), channel, purpose, job.settings().priority(),
                job.journey(), template.id() + "@" + template.version(), key,
                offerId, offerId == null ? null : offers.expiry(journeyVariables), template.survey().isPresent()));

        switch (decision) {
            case TouchpointDecision.Suppress suppress -> metrics.decision(channel, "SUPPRESS", suppress.reason().name());
            case TouchpointDecision.Defer defer -> metrics.decision(channel, "DEFER", defer.reason().name());
            case TouchpointDecision.Send send -> metrics.decision(channel, "SEND", null);
        }
        return switch (decision) {
            case TouchpointDecision.Suppress suppress -> {
                events.publish(new TouchpointEvent.Suppressed(events.header(job, key, channel, template, null),
                        suppress.reason().name(), suppress.detail()), channel);
                yield new Suppressed(channel, suppress.reason().name(), suppress.detail());
            }
            case TouchpointDecision.Defer defer -> {
                events.publish(new TouchpointEvent.Deferred(events.header(job, key, channel, template, null),
                        defer.reason().name(), defer.until()), channel);
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
            rendered = brand.render(renderRequests.of(job, channel, template, profile, key));
        } catch (RenderException e) {
            // nothing reached a provider: the reservation stays PENDING, so retrying the incident after the designer
            // fixed the variables or the template renders and sends (ADR-0009 4, ADR-0022)
            throw new TaskMisconfiguredException("template '" + template.id() + "' cannot be rendered for "
                    + job.where() + ": " + e.getMessage());
        }
        return attempt.run(new AttemptStateMachine.Attempt(job, channel, template, key, adapter, send, profile, rendered));
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
        if (!template.supports(channel)) {
            throw new TaskMisconfiguredException("templateId", template.id(), "has no " + channel.name().toLowerCase(Locale.ROOT)
                    + " version (it supports " + template.channels() + "): pick another template or task type");
        }
        return template;
    }

    private TaskMisconfiguredException unknownTemplate(TouchpointJob job) {
        return new TaskMisconfiguredException("templateId", job.settings().templateId(), "is not a template of the brand design"
                + " system; known templates: " + brand.templates().stream().map(TemplateDescriptor::id).sorted().toList());
    }
}
