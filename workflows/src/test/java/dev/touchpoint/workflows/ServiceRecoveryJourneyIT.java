package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.TouchpointContract.BEST_CHANNEL;
import static dev.touchpoint.workflows.TouchpointContract.SERVICE_DESK_TASK;
import static dev.touchpoint.workflows.TouchpointContract.SUPPRESSED;
import static dev.touchpoint.workflows.TouchpointContract.UNDELIVERABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service-recovery journey on the real engine: a low survey answer (message survey.low-score, as the ingress
 * publishes it) gets an apology with a make-good on the best channel, a follow-up task for a service agent, and the
 * NPS question again after 31 days (engine time moved by the test).
 */
@ExtendWith(JourneyEngineExtension.class)
class ServiceRecoveryJourneyIT {

    private static final String START = "survey.low-score";

    private final JourneyEngine engine;
    private final List<Long> started = new ArrayList<>();

    ServiceRecoveryJourneyIT(JourneyEngine engine) {
        this.engine = engine;
    }

    @AfterEach
    void cancelLeftovers() {
        started.forEach(engine::cancelQuietly);
    }

    /** The data of survey.low-score as SurveyAnswers hands it to the ingress (plus customerId, added by the router). */
    private static Map<String, Object> lowScore(String customerId, String survey, String metric, int score) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("customerId", customerId);
        variables.put("answerKey", customerId + "/" + survey);
        variables.put("survey", survey);
        variables.put("metric", metric);
        variables.put("score", score);
        if (metric.equals("nps")) {
            variables.put("npsGroup", "detractor");
        }
        variables.put("channel", "email");
        variables.put("askedOn", "email");
        variables.put("journey", "order-shipped:1");
        variables.put("touchpoint", "order-shipped");
        variables.put("commentPresent", false);
        return variables;
    }

    private long answeredLow(String customerId, String survey, String metric, int score) {
        engine.publish(START, customerId, "survey-low:" + customerId, lowScore(customerId, survey, metric, score));
        long instance = engine.awaitInstance("service-recovery", customerId);
        started.add(instance);
        return instance;
    }

    @Test
    void aDetractorGetsAnApologyWithAMakeGoodAnAgentTaskAndTheQuestionAgainAfter31Days() {
        LocalDate before = engine.now().atZone(java.time.ZoneId.systemDefault()).toLocalDate();
        long instance = answeredLow("c-recovery-1", "nps-survey", "nps", 3);

        ActivatedJob apology = engine.awaitJob(instance, BEST_CHANNEL);
        LocalDate after = engine.now().atZone(java.time.ZoneId.systemDefault()).toLocalDate();
        assertThat(apology.getElementId()).isEqualTo("apologise");
        assertThat(apology.getCustomHeaders()).containsEntry("templateId", "service-recovery")
                .containsEntry("category", "marketing").containsEntry("priority", "high")
                .containsEntry("resultVariable", "apology").containsEntry("onSuppressed", "error")
                .doesNotContainKey("channels");
        @SuppressWarnings("unchecked")
        Map<String, Object> makeGood = (Map<String, Object>) apology.getVariablesAsMap().get("templateVariables");
        assertThat(makeGood).containsEntry("offerCode", "SORRY-15").containsEntry("offerPercent", 15);
        // valid for 30 days from the engine's today (FEEL today(): the engine's clock, the JVM's zone), whatever the
        // machine's date; the engine's day is read before and after, in case the input was mapped across midnight
        LocalDate expires = LocalDate.parse((String) makeGood.get("offerExpires"));
        assertThat(expires).isIn(before.plusDays(30), after.plusDays(30));
        if (before.equals(after)) {
            assertThat(expires).isEqualTo(before.plusDays(30));
        }
        engine.sent(apology, "email");

        ActivatedJob agentTask = engine.awaitJob(instance, SERVICE_DESK_TASK);
        assertThat(agentTask.getElementId()).isEqualTo("create-agent-task");
        assertThat(agentTask.getCustomHeaders()).containsEntry("queue", "customer-care").containsEntry("priority", "high")
                .containsEntry("resultVariable", "agentTask");
        Map<String, Object> task = agentTask.getVariablesAsMap();
        assertThat(task).containsEntry("customerId", "c-recovery-1")
                .containsEntry("summary", "Low survey score: nps-survey 3 (nps), answered by email");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) task.get("details");
        assertThat(details).containsEntry("survey", "nps-survey").containsEntry("score", 3)
                .containsEntry("npsGroup", "detractor").containsEntry("touchpoint", "order-shipped")
                .containsEntry("apologySentOn", "email").containsEntry("apologyWithheld", null);
        engine.complete(agentTask, Map.of("agentTask", Map.of("taskId", "sd-1", "status", "OPENED", "queue", "customer-care")));

        engine.awaitTimer(instance, "wait-before-asking-again");
        assertThat(engine.activatedElements(instance)).doesNotContain("ask-again");
        engine.passTimer(instance, "wait-before-asking-again", Duration.ofDays(31));
        ActivatedJob askAgain = engine.awaitJob(instance, BEST_CHANNEL);
        assertThat(askAgain.getElementId()).isEqualTo("ask-again");
        assertThat(askAgain.getCustomHeaders()).containsEntry("templateId", "nps-survey").containsEntry("category", "marketing");
        assertThat(askAgain.getVariablesAsMap().get("templateVariables")).isEqualTo(Map.of("measures", "service-recovery"));
        engine.sent(askAgain, "email");

        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("low-score-received", "apologise",
                "apology-done", "create-agent-task", "wait-before-asking-again", "ask-again", "asked-again");
    }

    @Test
    void anApologyWithheldForLackOfConsentStillOpensTheAgentTaskSayingWhy() {
        long instance = answeredLow("c-recovery-2", "csat-survey", "csat", 1);
        engine.fails(engine.awaitJob(instance, BEST_CHANNEL), SUPPRESSED, "NO_CONSENT");

        ActivatedJob agentTask = engine.awaitJob(instance, SERVICE_DESK_TASK);
        assertThat(agentTask.getVariablesAsMap().get("summary")).isEqualTo("Low survey score: csat-survey 1 (csat), answered by email");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) agentTask.getVariablesAsMap().get("details");
        assertThat(details).containsEntry("apologyWithheld", "NO_CONSENT").containsEntry("apologySentOn", null)
                .containsEntry("npsGroup", null).containsEntry("metric", "csat");
        engine.complete(agentTask, Map.of());

        // the survey fatigue window (or consent) withholds the question again: the journey ends there
        engine.passTimer(instance, "wait-before-asking-again", Duration.ofDays(31));
        engine.fails(engine.awaitJob(instance, BEST_CHANNEL), SUPPRESSED, "BUDGET_EXHAUSTED");
        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("apology-suppressed", "create-agent-task",
                "ask-again-suppressed", "not-asked-again");
    }

    @Test
    void anUndeliverableApologyAndAnUndeliverableSurveyEndTheJourneyCleanly() {
        long instance = answeredLow("c-recovery-3", "nps-survey", "nps", 0);
        engine.fails(engine.awaitJob(instance, BEST_CHANNEL), UNDELIVERABLE, "INVALID_ADDRESS");
        ActivatedJob agentTask = engine.awaitJob(instance, SERVICE_DESK_TASK);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) agentTask.getVariablesAsMap().get("details");
        assertThat(details).containsEntry("apologyUndeliverable", "INVALID_ADDRESS");
        engine.complete(agentTask, Map.of());
        engine.passTimer(instance, "wait-before-asking-again", Duration.ofDays(31));
        engine.fails(engine.awaitJob(instance, BEST_CHANNEL), UNDELIVERABLE, "INVALID_ADDRESS");
        engine.awaitCompleted(instance);
        assertThat(engine.completedElements(instance)).containsSubsequence("apology-undeliverable", "apology-done",
                "ask-again-undeliverable", "ended-survey-undeliverable");
    }

    @Test
    void aRedeliveredLowScoreStartsOneRecoveryAndAnotherLowAnswerStartsNoSecondWhileOneRuns() {
        String customer = "c-recovery-4";
        Map<String, Object> low = lowScore(customer, "nps-survey", "nps", 2);
        // the same event twice (the same message id: the ingress's idempotency key): the engine refuses the second,
        // which the ingress reports as DUPLICATE
        engine.publish(START, customer, "survey-low:inv-1", low);
        assertThatThrownBy(() -> engine.publish(START, customer, "survey-low:inv-1", low))
                .hasMessageContaining("ALREADY_EXISTS");
        long instance = engine.awaitInstance("service-recovery", customer);
        started.add(instance);
        // another low answer of the same customer (another invitation) while the recovery runs
        engine.publish(START, customer, "survey-low:inv-2", lowScore(customer, "csat-survey", "csat", 1));
        // another customer's low answer does start: the journey is per customer
        engine.publish(START, "c-recovery-5", "survey-low:inv-3", lowScore("c-recovery-5", "csat-survey", "csat", 2));
        long other = engine.awaitInstance("service-recovery", "c-recovery-5");
        started.add(other);

        engine.awaitJob(instance, BEST_CHANNEL);
        assertThat(engine.instances("service-recovery", customer)).containsExactly(instance);
    }

    @Test
    void anAnswerThatIsNotLowStartsNothing() {
        // survey.answered (every answer) correlates to a journey waiting for it; it is not the start message
        Map<String, Object> passive = lowScore("c-recovery-6", "nps-survey", "nps", 8);
        passive.put("npsGroup", "passive");
        engine.publish("survey.answered", "c-recovery-6/nps-survey", "survey:inv-6", passive);
        // a later low answer of another customer: once its recovery runs, the engine has handled the answer above
        started.add(answeredLow("c-recovery-7", "csat-survey", "csat", 2));
        assertThat(engine.instances("service-recovery", "c-recovery-6")).isEmpty();
    }
}
