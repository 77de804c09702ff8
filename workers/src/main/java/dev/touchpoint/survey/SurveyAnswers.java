package dev.touchpoint.survey;

import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Records answers, whichever channel they come back on: stores the first answer of an open invitation, publishes
 * {@link SurveyAnswered} (the evidence ledger records it), updates the customer context and hands {@code survey.answered} to the ingress like every
 * event (source {@value #SOURCE}, idempotency key {@code survey:<invitation>}), where it is correlated to a journey
 * waiting for it by {@code data.answerKey = <customerId>/<survey>} (config/event-routing.yaml, ADR-0026). A low answer
 * is also handed over as {@value #LOW_SCORE_EVENT_TYPE} (idempotency key {@code survey-low:<invitation>}), which starts
 * the service-recovery journey (ADR-0030). Only the first answer of an invitation is recorded, so an answer clicked or
 * texted twice hands over each event once; the ingress's idempotency record and the engine's message ids cover a
 * redelivery of the events themselves.
 *
 * <p><b>The hand-over is an outbox</b> (V19, ADR-0030 §3): the answer is stored first; the steps after it (the ledger
 * evidence, the context, each ingress event ACCEPTED or DUPLICATE) mark the invitation {@code handed_over_at} only when
 * all succeeded. If one fails (the engine is BUSY, the ledger cannot write, the process dies), the answer stays recorded
 * (the customer is thanked) and {@link SurveyHandoverSweeper} redoes the whole hand-over later; every step is
 * idempotent (the ledger entry is looked up by kind and key before it is appended, the ingress keys are the same).
 *
 * <p><b>No recovery of a recovery</b> (ADR-0030 §6): a low answer to the question the service-recovery journey asked
 * itself (measures or journey {@value #SERVICE_RECOVERY}) starts no second recovery and no second make-good code; it
 * opens a task for a service agent instead (task id {@code sd-survey-<invitation>}, queue {@value #REPEAT_QUEUE},
 * priority high): the customer is still unhappy after an apology and a code, a person has to look.
 */
public class SurveyAnswers {

    /** The ingress source of survey answers. */
    public static final String SOURCE = "survey";
    public static final String EVENT_TYPE = "survey.answered";
    /**
     * A low answer (NPS 0-6, CSAT 1-2, CES 1-3, {@link dev.touchpoint.brand.SurveyMetric#low}), handed over besides
     * {@value #EVENT_TYPE} with the same data: it starts the service-recovery journey (ADR-0030).
     */
    public static final String LOW_SCORE_EVENT_TYPE = "survey.low-score";
    /** The journey (and the {@code measures} of the survey it asks) whose low answers start no new recovery. */
    public static final String SERVICE_RECOVERY = "service-recovery";
    /** Where the agent task of a low answer to a recovery's survey goes. */
    static final String REPEAT_QUEUE = "customer-care";

    private static final Logger log = LoggerFactory.getLogger(SurveyAnswers.class);

    /** What became of an answer, with the invitation when there is one. */
    public record Result(SurveyInvitations.Answer answer, SurveyInvitations.Invitation invitation) {
    }

    private final SurveyInvitations invitations;
    private final ApplicationEventPublisher events;
    private final EventIngress ingress;
    private final dev.touchpoint.context.CustomerContextStore customers;
    private final java.util.function.Supplier<dev.touchpoint.servicedesk.ServiceDesk> desk;
    private final Clock clock;

    public SurveyAnswers(SurveyInvitations invitations, ApplicationEventPublisher events, EventIngress ingress,
                         dev.touchpoint.context.CustomerContextStore customers, Clock clock) {
        this(invitations, events, ingress, customers, () -> null, clock);
    }

    /** @param desk where the agent task of a low answer to a recovery's survey goes (null: none, logged) */
    public SurveyAnswers(SurveyInvitations invitations, ApplicationEventPublisher events, EventIngress ingress,
                         dev.touchpoint.context.CustomerContextStore customers,
                         java.util.function.Supplier<dev.touchpoint.servicedesk.ServiceDesk> desk, Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.ingress = ingress;
        this.customers = customers;
        this.desk = desk;
        this.clock = clock;
    }

    /**
     * @param score       must be on the survey's scale (else NOT_FOUND: a link for another score was never issued)
     * @param answeredOn  the channel the answer came back on; null: the channel it was asked on (a link in the email,
     *                    the page the push opened)
     */
    public Result answer(String invitationId, int score, String answeredOn) {
        SurveyInvitations.Invitation invitation = invitations.find(invitationId).orElse(null);
        if (invitation == null || !invitation.metric().contains(score)) {
            return new Result(SurveyInvitations.Answer.NOT_FOUND, invitation);
        }
        Instant now = clock.instant();
        answeredOn = answeredOn == null ? invitation.channel() : answeredOn;
        SurveyInvitations.Answer answer = invitations.answer(invitationId, score, answeredOn, now);
        if (answer != SurveyInvitations.Answer.RECORDED) {
            log.info("Survey {} of customer {}: an answer on {} was not recorded ({})", invitationId,
                    invitation.customerId(), answeredOn, answer);
            return new Result(answer, invitation);
        }
        SurveyAnswered answered = new SurveyAnswered(invitationId, invitation.customerId(), invitation.survey(),
                invitation.metric().id(), score, invitation.touchpointKey(), invitation.journey(), invitation.measures(),
                invitation.channel(), answeredOn, false, now);
        try {
            handOver(answered);
        } catch (RuntimeException e) {
            // the answer is stored (the customer is thanked, a second answer is refused); the sweeper hands it over
            log.warn("Survey {} of customer {}: the answer is recorded, its hand-over failed and is retried by the"
                    + " sweeper ({})", invitationId, invitation.customerId(), e.toString());
        }
        return new Result(answer, invitation);
    }

    /**
     * Redoes the hand-over of a stored answer whose hand-over is not done (the sweeper): the same evidence and events
     * as when it was answered.
     *
     * @return true when it is handed over now
     */
    boolean handOver(SurveyInvitations.Invitation invitation) {
        if (!invitation.answered() || invitation.score() == null) {
            return false;
        }
        return handOver(new SurveyAnswered(invitation.id(), invitation.customerId(), invitation.survey(),
                invitation.metric().id(), invitation.score(), invitation.touchpointKey(), invitation.journey(),
                invitation.measures(), invitation.channel(),
                invitation.answerChannel() != null ? invitation.answerChannel() : invitation.channel(), false,
                invitation.answeredAt()));
    }

    /**
     * The steps after the answer is stored, each idempotent; marks the invitation handed over when all succeeded.
     *
     * @return true when every step succeeded
     * @throws RuntimeException a step failed (the ledger, a listener, the context): not handed over
     */
    private boolean handOver(SurveyAnswered answered) {
        // the evidence ledger records it (EvidenceRecorder: once per touchpoint key, a retry adds nothing)
        events.publishEvent(answered);
        if (customers != null) {
            customers.mergeAttributes(answered.customerId(), contextAttributes(answered));
        }
        if (!submit(answered)) {
            return false;
        }
        invitations.handedOver(answered.invitationId(), clock.instant());
        return true;
    }

    /**
     * The customer context learns the answer as profile attributes (usable in audience filters, and in journeys through
     * {@code touchpoint.customer.facts}): {@code survey_<survey>_score} (the survey's id with {@code _} for {@code -}),
     * {@code npsGroup} (the latest NPS answer's group), {@code lastSurvey} and {@code lastSurveyAnsweredAt}.
     */
    public static Map<String, String> contextAttributes(SurveyAnswered answered) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(scoreAttribute(answered.survey()), Integer.toString(answered.score()));
        String group = dev.touchpoint.brand.SurveyMetric.fromId(answered.metric()).npsGroup(answered.score());
        if (group != null) {
            attributes.put("npsGroup", group);
        }
        attributes.put("lastSurvey", answered.survey());
        attributes.put("lastSurveyAnsweredAt", answered.answeredAt().toString());
        return attributes;
    }

    /** {@code survey_<survey>_score}, e.g. {@code survey_csat_survey_score}. */
    public static String scoreAttribute(String survey) {
        return "survey_" + survey.replace('-', '_') + "_score";
    }

    /** @return true when every event was ACCEPTED or DUPLICATE */
    private boolean submit(SurveyAnswered answered) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("answerKey", answered.customerId() + "/" + answered.survey());
        data.put("survey", answered.survey());
        data.put("metric", answered.metric());
        data.put("score", answered.score());
        String group = dev.touchpoint.brand.SurveyMetric.fromId(answered.metric()).npsGroup(answered.score());
        if (group != null) {
            data.put("npsGroup", group);
        }
        data.put("channel", answered.answeredOn().toLowerCase(java.util.Locale.ROOT));
        data.put("askedOn", answered.askedOn().toLowerCase(java.util.Locale.ROOT));
        if (answered.journey() != null) {
            data.put("journey", answered.journey());
        }
        if (answered.measures() != null) {
            data.put("touchpoint", answered.measures());
        }
        data.put("commentPresent", answered.commentPresent());
        EventOutcome outcome = ingress.submit(new IngressEvent(EVENT_TYPE, answered.customerId(), answered.answeredAt(),
                "survey:" + answered.invitationId(), data), SOURCE);
        boolean handed = outcome.handed();
        if (!handed) {
            log.warn("Survey {} of customer {}: survey.answered was not handed to the engine ({}: {}); retried by the"
                            + " sweeper", answered.invitationId(), answered.customerId(), outcome.status(), outcome.reason());
        }
        if (!dev.touchpoint.brand.SurveyMetric.fromId(answered.metric()).low(answered.score())) {
            return handed;
        }
        if (askedByRecovery(answered)) {
            return openAgentTask(answered, data) && handed;
        }
        EventOutcome low = ingress.submit(new IngressEvent(LOW_SCORE_EVENT_TYPE, answered.customerId(),
                answered.answeredAt(), "survey-low:" + answered.invitationId(), data), SOURCE);
        if (low.handed()) {
            log.info("Survey {} of customer {}: low score, {} handed over ({})", answered.invitationId(),
                    answered.customerId(), LOW_SCORE_EVENT_TYPE, low.status());
            return handed;
        }
        log.warn("Survey {} of customer {}: low score, but {} was not handed to the engine ({}: {}); retried by the"
                        + " sweeper", answered.invitationId(), answered.customerId(), LOW_SCORE_EVENT_TYPE, low.status(),
                low.reason());
        return false;
    }

    /** A survey the service-recovery journey asked itself (its measures, or the journey that asked). */
    static boolean askedByRecovery(SurveyAnswered answered) {
        return SERVICE_RECOVERY.equals(answered.measures())
                || (answered.journey() != null && (answered.journey().equals(SERVICE_RECOVERY)
                || answered.journey().startsWith(SERVICE_RECOVERY + ":")));
    }

    /**
     * A low answer to a recovery's own survey: no second recovery (no second code), a task for an agent. The task id
     * {@code sd-survey-<invitation>} is the desk's idempotency key, so a retried hand-over opens one task.
     *
     * @return true when the task is open (or there is no service desk: nothing to retry)
     */
    private boolean openAgentTask(SurveyAnswered answered, Map<String, Object> data) {
        dev.touchpoint.servicedesk.ServiceDesk serviceDesk = desk.get();
        if (serviceDesk == null) {
            log.warn("Survey {} of customer {}: low score to a service recovery's survey; no service desk configured,"
                    + " no task opened (no new recovery either)", answered.invitationId(), answered.customerId());
            return true;
        }
        Map<String, Object> details = new LinkedHashMap<>(data);
        details.remove("answerKey");
        dev.touchpoint.servicedesk.ServiceDeskTask task = new dev.touchpoint.servicedesk.ServiceDeskTask(
                "sd-survey-" + answered.invitationId(), REPEAT_QUEUE, "high", answered.customerId(),
                "Still unhappy after a service recovery: " + answered.metric().toUpperCase(java.util.Locale.ROOT) + " "
                        + answered.score(), details, answered.journey(), 0L, answered.answeredAt());
        try {
            String reference = serviceDesk.open(task);
            log.info("Survey {} of customer {}: low score to a service recovery's survey; no new recovery, agent task"
                    + " {} opened on {} ({})", answered.invitationId(), answered.customerId(), task.taskId(),
                    serviceDesk.describe(), reference);
            return true;
        } catch (dev.touchpoint.servicedesk.ServiceDesk.Unavailable | dev.touchpoint.servicedesk.ServiceDesk.Refused e) {
            log.warn("Survey {} of customer {}: agent task {} not opened on {} ({}); retried by the sweeper",
                    answered.invitationId(), answered.customerId(), task.taskId(), serviceDesk.describe(), e.getMessage());
            return false;
        }
    }
}
