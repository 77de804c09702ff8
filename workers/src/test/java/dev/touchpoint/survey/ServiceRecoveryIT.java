package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.channel.email.sandbox.SandboxEmailSummary;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceLedger;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.servicedesk.SandboxServiceDesk;
import dev.touchpoint.servicedesk.ServiceDesk;
import dev.touchpoint.servicedesk.ServiceDeskTask;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service-recovery journey on the real application (embedded engine, the journeys of workflows/journeys, the
 * workers, the sandbox mailbox and service desk): a detractor's click on the answer link of a survey email starts one
 * recovery (however often the answer or its event comes again), which apologises with the make-good, opens a service
 * desk task and, 31 days later, asks the NPS question again (measures service-recovery); a low answer to that one opens
 * an agent task and starts no second recovery (ADR-0030 §6). Another survey in between withholds the question again
 * (the fatigue window). An answer that is not low starts nothing. The application's clock (a {@link TestClock}) and
 * the engine's clock move together, so the days the journey waits are days for the fatigue rule too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceRecoveryIT {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();
    private static final Pattern ANSWER_LINK = Pattern.compile("href=\"https?://[^\"/]+(/t/s/[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22})/(\\d{1,2})\"");

    /** The application's clock; {@link #advance} moves it with the engine's. Ticks from the machine's now. */
    static final TestClock CLOCK = TestClock.ticking(Instant.now());

    @org.springframework.boot.test.context.TestConfiguration
    static class MovingClock {
        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        java.time.Clock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry);
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired CustomerContextStore customers;
    @Autowired SandboxMailServer mailbox;
    @Autowired ServiceDesk desk;
    @Autowired EventIngress ingress;
    @Autowired TestRestTemplate http;
    @Autowired EvidenceLedger ledger;
    @Autowired javax.sql.DataSource dataSource;

    EngineRecords records;

    @BeforeAll
    static void journeys(@Autowired CamundaClient client) {
        client.newDeployResourceCommand()
                .addProcessModel(SurveyAnswersIT.asking("recovery-asking-it", "touchpoint.email.send", "nps-survey"),
                        "recovery-asking-it.bpmn")
                .send().join();
    }

    @BeforeEach
    void records() {
        records = EngineRecords.of(engine);
    }

    @Test
    void aDetractorGetsOneRecoveryApologyAndMakeGoodAnAgentTaskAndTheQuestionAgainAndALowAnswerToItOnlyATask() {
        assertThat(desk).as("the embedded default's service desk").isInstanceOf(SandboxServiceDesk.class);
        String customer = customer();
        long asking = start(customer);
        Map<Integer, String> links = answerLinks(customer);

        ResponseEntity<String> answered = http.getForEntity(links.get(3), String.class);
        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().until(() -> records.instanceCompleted(asking));

        long recovery = await().until(() -> records.instanceFor("service-recovery", customer), java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(records.variable(recovery, "score")).contains("3");
        assertThat(records.variable(recovery, "npsGroup")).contains("\"detractor\"");

        // the apology with the make-good, on the best channel (email: the only one with consent)
        SandboxEmailSummary apology = await().until(() -> emailsTo(customer).stream()
                .filter(m -> m.subject().equals("We are sorry, and we want to make it right")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(mailbox.message(apology.id()).orElseThrow().html()).contains("SORRY-15").contains("15%");
        assertThat(apology.marketing()).isTrue();

        // the follow-up task for an agent: the customer id and the answer, no contact data
        ServiceDeskTask task = await().until(() -> tasksFor(customer), list -> !list.isEmpty()).getFirst();
        assertThat(task.queue()).isEqualTo("customer-care");
        assertThat(task.priority()).isEqualTo("high");
        assertThat(task.journey()).startsWith("service-recovery:");
        assertThat(task.summary()).isEqualTo("Low survey score: nps-survey 3 (nps), answered by email");
        assertThat(task.details()).containsEntry("survey", "nps-survey").containsEntry("score", 3)
                .containsEntry("npsGroup", "detractor").containsEntry("apologySentOn", "email");
        assertThat(task.toString()).doesNotContain(customer + "@example.com").doesNotContain("Kim");
        String agentTask = await().until(() -> records.variable(recovery, "agentTask"), java.util.Optional::isPresent).orElseThrow();
        assertThat(agentTask).contains("\"status\":\"OPENED\"", "\"taskId\":\"" + task.taskId() + "\"");

        // the answer again (a second click) and its event again (a redelivery): still one recovery, one task
        assertThat(http.getForEntity(links.get(3), String.class).getBody()).contains("already been answered");
        String invitation = links.get(3).substring(links.get(3).lastIndexOf("/t/s/") + 5, links.get(3).indexOf('.'));
        EventOutcome again = ingress.submit(new IngressEvent(SurveyAnswers.LOW_SCORE_EVENT_TYPE, customer, CLOCK.instant(),
                "survey-low:" + invitation, Map.of("survey", "nps-survey", "metric", "nps", "score", 3, "channel", "email")),
                SurveyAnswers.SOURCE);
        assertThat(again.status()).isEqualTo(EventOutcome.Status.DUPLICATE);
        assertThat(records.instancesFor("service-recovery", customer)).containsExactly(recovery);
        assertThat(records.messagesPublished("survey.low-score", customer)).isEqualTo(1);
        assertThat(tasksFor(customer)).hasSize(1);

        // 31 days later (the engine's and the application's clock together) the first survey's fatigue window has
        // passed: the NPS question goes out again by email, measuring the recovery
        await().until(() -> records.timerCreated(recovery, "wait-before-asking-again"));
        advance(Duration.ofDays(31).plusMinutes(1));
        await().until(() -> records.instanceCompleted(recovery));
        assertThat(records.elementCompleted(recovery, "asked-again")).isTrue();
        Map<String, Object> reAsked = await().until(() -> new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .queryForList("SELECT id, survey, journey, measures FROM survey_invitation WHERE customer_id = ?"
                        + " AND measures = ?", customer, SurveyAnswers.SERVICE_RECOVERY), list -> list.size() == 1).getFirst();
        assertThat(reAsked).containsEntry("SURVEY", "nps-survey");
        assertThat((String) reAsked.get("JOURNEY")).startsWith("service-recovery:");
        String reAskedId = (String) reAsked.get("ID");
        Map<Integer, String> reAskedLinks = await().until(() -> surveyLinks(customer).stream()
                .filter(survey -> survey.get(2).contains("/t/s/" + reAskedId + ".")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(surveyLinks(customer)).hasSize(2);

        // still a detractor: no second recovery and no second code, a task for an agent
        assertThat(http.getForEntity(reAskedLinks.get(2), String.class).getBody()).contains("we have your answer (2)");
        assertThat(tasksFor(customer)).hasSize(2).last().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo("sd-survey-" + reAskedId);
            assertThat(t.summary()).isEqualTo("Still unhappy after a service recovery: NPS 2");
            assertThat(t.priority()).isEqualTo("high");
        });
        assertThat(records.messagesPublished("survey.low-score", customer)).isEqualTo(1);
        assertThat(records.messagesPublished("survey.answered", customer + "/nps-survey")).isEqualTo(2);
        assertThat(records.instancesFor("service-recovery", customer)).containsExactly(recovery);
        assertThat(emailsTo(customer)).filteredOn(m -> m.subject().equals("We are sorry, and we want to make it right"))
                .hasSize(1);
    }

    @Test
    void anotherSurveyInBetweenWithholdsTheQuestionAgain() {
        String customer = customer();
        long asking = start(customer);
        assertThat(http.getForEntity(answerLinks(customer).get(4), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().until(() -> records.instanceCompleted(asking));
        long recovery = await().until(() -> records.instanceFor("service-recovery", customer), java.util.Optional::isPresent)
                .orElseThrow();
        await().until(() -> records.timerCreated(recovery, "wait-before-asking-again"));

        // day 30: another journey asks a survey (the first one's window has passed), then day 31: the recovery's
        // question falls in that survey's window and is withheld
        advance(Duration.ofDays(30).plusMinutes(1));
        long other = start(customer);
        await().until(() -> surveyLinks(customer), list -> list.size() == 2);
        advance(Duration.ofDays(1));
        await().until(() -> records.instanceCompleted(recovery));
        assertThat(records.elementCompleted(recovery, "not-asked-again")).isTrue();
        // by email (the channel with consent) it was the one-survey-per-30-days rule; SMS and push have no consent
        List<EvidenceEntry> withheld = await().until(() -> ledger.query(LedgerQuery.forCustomer(customer)
                        .withKinds(Set.of(EntryKind.DECISION))).entries().stream()
                        .filter(e -> "ask-again".equals(e.elementId()) && "SUPPRESS".equals(e.decision())).toList(),
                list -> list.stream().anyMatch(e -> "EMAIL".equals(e.channel())));
        assertThat(withheld).filteredOn(e -> "EMAIL".equals(e.channel())).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("BUDGET_EXHAUSTED");
            assertThat(e.templateId()).isEqualTo("nps-survey");
        });
        assertThat(withheld).filteredOn(e -> !"EMAIL".equals(e.channel())).extracting(EvidenceEntry::reason)
                .containsOnly("NO_CONSENT");
        assertThat(surveyLinks(customer)).hasSize(2);
        assertThat(records.instancesFor("service-recovery", customer)).containsExactly(recovery);
        client.newCancelInstanceCommand(other).send().join();
    }

    /** The engine's clock and the application's, together. */
    private void advance(Duration by) {
        CLOCK.advance(by);
        engine.clock().orElseThrow().advance(by);
    }

    @Test
    void anAnswerThatIsNotLowStartsNoRecovery() {
        String customer = customer();
        long asking = start(customer);
        Map<Integer, String> links = answerLinks(customer);

        assertThat(http.getForEntity(links.get(7), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        // the ingress hands events over synchronously: survey.answered is published and correlated by now, and a
        // survey.low-score would have been published right after it, before the answer page was returned
        await().until(() -> records.instanceCompleted(asking));
        assertThat(records.variable(asking, "npsGroup")).contains("\"passive\"");
        assertThat(records.messagesPublished("survey.answered", customer + "/nps-survey")).isEqualTo(1);
        assertThat(records.messagesPublished("survey.low-score", customer)).isZero();
        assertThat(records.instancesFor("service-recovery", customer)).isEmpty();
        assertThat(tasksFor(customer)).isEmpty();
    }

    private Map<Integer, String> answerLinks(String customer) {
        SandboxEmailSummary survey = await().until(() -> emailsTo(customer), list -> !list.isEmpty()).getFirst();
        Matcher links = ANSWER_LINK.matcher(mailbox.message(survey.id()).orElseThrow().html());
        Map<Integer, String> byScore = new TreeMap<>();
        while (links.find()) {
            byScore.put(Integer.parseInt(links.group(2)), links.group(1) + "/" + links.group(2));
        }
        assertThat(byScore).hasSize(11);
        return byScore;
    }

    /** The answer links of each survey email to the customer. */
    private List<Map<Integer, String>> surveyLinks(String customer) {
        List<Map<Integer, String>> surveys = new java.util.ArrayList<>();
        for (SandboxEmailSummary email : emailsTo(customer)) {
            Matcher links = ANSWER_LINK.matcher(mailbox.message(email.id()).orElseThrow().html());
            Map<Integer, String> byScore = new TreeMap<>();
            while (links.find()) {
                byScore.put(Integer.parseInt(links.group(2)), links.group(1) + "/" + links.group(2));
            }
            if (!byScore.isEmpty()) {
                surveys.add(byScore);
            }
        }
        return surveys;
    }

    private List<ServiceDeskTask> tasksFor(String customer) {
        return ((SandboxServiceDesk) desk).tasks().stream().filter(t -> t.customerId().equals(customer)).toList();
    }

    private List<SandboxEmailSummary> emailsTo(String customer) {
        return mailbox.messages().stream().filter(m -> m.to().contains(customer + "@example.com")).toList();
    }

    private long start(String customer) {
        return client.newCreateInstanceCommand().bpmnProcessId("recovery-asking-it").latestVersion()
                .variables(Map.of("customerId", customer)).send().join().getProcessInstanceKey();
    }

    private String customer() {
        int n = CUSTOMERS.incrementAndGet();
        String id = "recovery-it-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(new CustomerProfile(id, "Kim", "Tester", Locale.ENGLISH, TestClock.zoneWhereItIs(12, CLOCK.instant()),
                id + "@example.com", String.format("+49153%07d", 3_000_000 + n), List.of(), "silver", "berlin-mitte",
                Map.of(), ChannelPreferences.NONE, null));
        customers.recordConsent(new ConsentChange(id, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, "integration test", CLOCK.instant()));
        return id;
    }
}
