package dev.touchpoint.survey;

import dev.touchpoint.channel.SmsMessageReceived;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.ErasureParticipant;
import dev.touchpoint.context.ErasureTally;
import dev.touchpoint.delivery.TouchpointEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * What the survey module hears from the rest of the application: a survey touchpoint the provider took counts as sent;
 * a number texted back answers the latest open SMS survey of that phone's customer; a score tapped on a kiosk survey
 * screen answers the invitation of that screen's touchpoint; an erased customer's invitations lose the customer and the
 * comment (the answers stay in the results).
 *
 * <p>SMS keywords never get here: the SMS adapter publishes STOP, START and HELP as keywords and only other texts as
 * {@link SmsMessageReceived}, so "STOP" in the middle of a survey withdraws consent and answers nothing. A text that is
 * not just a number, or a number off the survey's scale, is left alone.
 */
class SurveyListeners implements ErasureParticipant {

    private static final Logger log = LoggerFactory.getLogger(SurveyListeners.class);
    /** "7", " 10 ", "9." or "8!": a number, alone. */
    private static final Pattern NUMBER = Pattern.compile("\\s*(\\d{1,2})\\s*[.!]?\\s*");

    private final SurveyInvitations invitations;
    private final SurveyAnswers answers;
    private final CustomerContextStore customers;
    private final Duration smsReplyWindow;
    private final Clock clock;

    SurveyListeners(SurveyInvitations invitations, SurveyAnswers answers, CustomerContextStore customers,
                    Duration smsReplyWindow, Clock clock) {
        this.invitations = invitations;
        this.answers = answers;
        this.customers = customers;
        this.smsReplyWindow = smsReplyWindow;
        this.clock = clock;
    }

    @EventListener
    void on(TouchpointEvent.Sent sent) {
        TouchpointEvent.Header touchpoint = sent.header();
        if (touchpoint.idempotencyKey() != null) {
            try {
                invitations.sent(touchpoint.idempotencyKey(), touchpoint.at() != null ? touchpoint.at() : clock.instant());
            } catch (RuntimeException e) {
                // never fail the send that was made: only the response rate's denominator misses this survey (an
                // answer marks it sent anyway)
                log.warn("Touchpoint {}: could not mark its survey invitation sent ({})", touchpoint.idempotencyKey(), e.toString());
            }
        }
    }

    @EventListener
    void on(SmsMessageReceived received) {
        Matcher number = NUMBER.matcher(received.body());
        if (!number.matches()) {
            return;
        }
        int score = Integer.parseInt(number.group(1));
        Instant now = clock.instant();
        Optional<SurveyInvitations.Invitation> latest = customers.findCustomerIdsByPhone(received.fromPhone()).stream()
                .map(customerId -> invitations.latestOpenSms(customerId, smsReplyWindow, now))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(SurveyInvitations.Invitation::sentAt));
        if (latest.isEmpty()) {
            log.debug("Inbound SMS {}: a number, but no open SMS survey for that phone", received.providerMessageId());
            return;
        }
        SurveyInvitations.Invitation invitation = latest.get();
        if (!invitation.metric().contains(score)) {
            log.info("Inbound SMS {}: {} is off the scale of survey {} of customer {}; not an answer",
                    received.providerMessageId(), score, invitation.id(), invitation.customerId());
            return;
        }
        SurveyAnswers.Result result = answers.answer(invitation.id(), score, "SMS");
        log.info("Inbound SMS {}: answer to survey {} of customer {}: {}", received.providerMessageId(), invitation.id(),
                invitation.customerId(), result.answer());
    }

    /**
     * A score tapped on a kiosk survey screen: the answer to the invitation issued for the touchpoint that put the
     * screen up (the screen's idempotency key), recorded like any answer (answered on KIOSK). A screen whose touchpoint
     * has no invitation, or a score off its scale, answers nothing.
     */
    @EventListener
    void on(dev.touchpoint.channel.KioskSurveyAnswered tapped) {
        Optional<SurveyInvitations.Invitation> invitation = invitations.byTouchpointKey(tapped.idempotencyKey());
        if (invitation.isEmpty()) {
            log.warn("Kiosk {}/{}: a survey answer on screen {} of customer {}, but its touchpoint issued no survey",
                    tapped.storeId(), tapped.kioskId(), tapped.providerMessageId(), tapped.customerId());
            return;
        }
        SurveyAnswers.Result result = answers.answer(invitation.get().id(), tapped.score(), "KIOSK");
        log.info("Kiosk {}/{}: answer to survey {} of customer {}: {}", tapped.storeId(), tapped.kioskId(),
                invitation.get().id(), tapped.customerId(), result.answer());
    }

    @Override
    public String name() {
        return "surveys";
    }

    @Override
    public void erase(String customerId, CustomerErased.Contacts contacts, ErasureTally tally) {
        tally.count("survey-invitations-anonymised", invitations.anonymise(customerId));
    }
}
