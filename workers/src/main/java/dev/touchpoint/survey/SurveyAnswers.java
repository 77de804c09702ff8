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

    private static final Logger log = LoggerFactory.getLogger(SurveyAnswers.class);

    /** What became of an answer, with the invitation when there is one. */
    public record Result(SurveyInvitations.Answer answer, SurveyInvitations.Invitation invitation) {
    }

    private final SurveyInvitations invitations;
    private final ApplicationEventPublisher events;
    private final EventIngress ingress;
    private final dev.touchpoint.context.CustomerContextStore customers;
    private final Clock clock;

    public SurveyAnswers(SurveyInvitations invitations, ApplicationEventPublisher events, EventIngress ingress,
                         dev.touchpoint.context.CustomerContextStore customers, Clock clock) {
        this.invitations = invitations;
        this.events = events;
        this.ingress = ingress;
        this.customers = customers;
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
        events.publishEvent(answered);
        updateContext(answered);
        submit(answered);
        return new Result(answer, invitation);
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

    private void updateContext(SurveyAnswered answered) {
        if (customers == null) {
            return;
        }
        try {
            customers.mergeAttributes(answered.customerId(), contextAttributes(answered));
        } catch (RuntimeException e) {
            // the answer is stored and in the ledger; the context catches up with the next answer
            log.warn("Survey {} of customer {}: the customer context was not updated ({})", answered.invitationId(),
                    answered.customerId(), e.toString());
        }
    }

    private void submit(SurveyAnswered answered) {
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
        if (!outcome.handed()) {
            // the answer is stored and in the ledger; only a journey waiting for it does not hear of it
            log.warn("Survey {} of customer {}: survey.answered was not handed to the engine ({}: {})",
                    answered.invitationId(), answered.customerId(), outcome.status(), outcome.reason());
        }
        if (dev.touchpoint.brand.SurveyMetric.fromId(answered.metric()).low(answered.score())) {
            EventOutcome low = ingress.submit(new IngressEvent(LOW_SCORE_EVENT_TYPE, answered.customerId(),
                    answered.answeredAt(), "survey-low:" + answered.invitationId(), data), SOURCE);
            if (low.handed()) {
                log.info("Survey {} of customer {}: low score, {} handed over ({})", answered.invitationId(),
                        answered.customerId(), LOW_SCORE_EVENT_TYPE, low.status());
            } else {
                // the answer is stored, in the ledger and in the context (npsGroup, score): the recovery can be started
                // from there (an audience of detractors); say so loudly
                log.warn("Survey {} of customer {}: low score, but {} was not handed to the engine ({}: {}); no"
                                + " service recovery starts for it", answered.invitationId(), answered.customerId(),
                        LOW_SCORE_EVENT_TYPE, low.status(), low.reason());
            }
        }
    }
}
