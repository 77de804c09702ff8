package dev.touchpoint.survey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.delivery.SurveyLinkIssuer;
import dev.touchpoint.ingress.EventIngress;
import dev.touchpoint.ingress.EventOutcome;
import dev.touchpoint.ingress.IngressEvent;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceLedger;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.servicedesk.ServiceDesk;
import dev.touchpoint.servicedesk.ServiceDeskTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The survey answer outbox (V19, ADR-0030 §3) on the real database and ledger: an answer whose hand-over fails (the
 * engine BUSY, the ledger step failing as if the process died after storing the answer, the service desk away) is
 * recorded, the customer thanked, and the sweeper hands it over later: each event once, one ledger entry, and nothing
 * more on another round or from a second sweeper. The ingress and the service desk are fakes that count what they get,
 * keyed like the real ones (a second submission of a key is DUPLICATE).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SurveyHandoverIT {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry, "touchpoint.surveys.handover.interval=PT0S");
    }

    @Autowired SurveyInvitations invitations;
    @Autowired CustomerContextStore customers;
    @Autowired EvidenceLedger ledger;
    @Autowired ApplicationContext application;
    @Autowired BrandDesignSystem brand;

    final TestClock clock = new TestClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    final FakeIngress ingress = new FakeIngress();
    final FakeDesk desk = new FakeDesk();
    volatile boolean ledgerStepFails;
    SurveyAnswers answers;
    SurveyHandoverSweeper sweeper;

    @BeforeEach
    void wire() {
        ApplicationEventPublisher events = event -> {
            if (ledgerStepFails) {
                throw new IllegalStateException("the process died after storing the answer");
            }
            application.publishEvent(event);
        };
        answers = new SurveyAnswers(invitations, events, ingress, customers, () -> desk, clock);
        sweeper = new SurveyHandoverSweeper(invitations, answers, clock, Duration.ZERO, Duration.ofMinutes(2), 100, null);
    }

    /** What a test leaves not handed over is not the next test's to sweep. */
    @org.junit.jupiter.api.AfterEach
    void leaveNothingPending() {
        application.getBean(org.springframework.jdbc.core.JdbcTemplate.class).update("UPDATE survey_invitation"
                + " SET handed_over_at = answered_at WHERE handed_over_at IS NULL AND answered_at IS NOT NULL");
    }

    @Test
    void anAnswerTheEngineWasTooBusyForIsHandedOverByTheSweepOnceWithOneLedgerEntry() {
        String customer = customer();
        String id = invitation(customer, "order-shipped:2", "order-shipped");
        ingress.busy = key -> true;

        assertThat(answers.answer(id, 3, null).answer()).isEqualTo(SurveyInvitations.Answer.RECORDED);
        assertThat(ingress.accepted).isEmpty();
        assertThat(ledgerEntries(customer)).hasSize(1);
        assertThat(handedOverAt(id)).isNull();
        assertThat(answers.answer(id, 9, null).answer()).as("a second click").isEqualTo(SurveyInvitations.Answer.ALREADY_ANSWERED);

        ingress.busy = key -> false;
        assertThat(sweeper.sweep()).as("within the grace: the request may still be handing over").isZero();
        assertThat(ingress.accepted).isEmpty();

        clock.advance(Duration.ofMinutes(3));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(ingress.accepted).containsExactlyInAnyOrder("survey:" + id, "survey-low:" + id);
        assertThat(ledgerEntries(customer)).as("the ledger entry was there: none added").hasSize(1);
        assertThat(handedOverAt(id)).isEqualTo(clock.instant());
        assertThat(sweeper.pending()).isZero();

        clock.advance(Duration.ofMinutes(3));
        assertThat(sweeper.sweep()).isZero();
        assertThat(ingress.submissions.get()).as("2 BUSY, 2 ACCEPTED, nothing more").isEqualTo(4);
    }

    @Test
    void aCrashAfterStoringTheAnswerIsRepairedByTheSweepAndASecondSweeperAddsNothing() {
        String customer = customer();
        String id = invitation(customer, "order-shipped:2", "order-shipped");
        ledgerStepFails = true;

        assertThat(answers.answer(id, 2, "SMS").answer()).isEqualTo(SurveyInvitations.Answer.RECORDED);
        assertThat(ledgerEntries(customer)).isEmpty();
        assertThat(ingress.submissions.get()).isZero();
        assertThat(customers.findProfile(customer).orElseThrow().attributes()).doesNotContainKey("npsGroup");

        ledgerStepFails = false;
        clock.advance(Duration.ofMinutes(3));
        SurveyHandoverSweeper second = new SurveyHandoverSweeper(invitations, answers, clock, Duration.ZERO,
                Duration.ofMinutes(2), 100, null);
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(second.sweep()).isZero();

        assertThat(ingress.accepted).containsExactlyInAnyOrder("survey:" + id, "survey-low:" + id);
        assertThat(ingress.submissions.get()).isEqualTo(2);
        assertThat(ledgerEntries(customer)).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("SMS");
            assertThat(e.occurredAt()).isEqualTo(invitations.find(id).orElseThrow().answeredAt());
        });
        assertThat(customers.findProfile(customer).orElseThrow().attributes()).containsEntry("npsGroup", "detractor");
    }

    @Test
    void onlyTheEventThatFailedIsNewOnTheRetryAndTheLedgerIsNotWrittenTwice() {
        String customer = customer();
        String id = invitation(customer, "order-shipped:2", "order-shipped");
        ingress.busy = key -> key.startsWith("survey-low:");

        answers.answer(id, 0, null);
        assertThat(ingress.accepted).containsExactly("survey:" + id);

        ingress.busy = key -> false;
        clock.advance(Duration.ofMinutes(3));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(ingress.accepted).containsExactlyInAnyOrder("survey:" + id, "survey-low:" + id);
        assertThat(ingress.duplicates).containsExactly("survey:" + id);
        assertThat(ledgerEntries(customer)).hasSize(1);
    }

    @Test
    void aLowAnswerToARecoverysOwnSurveyOpensOneAgentTaskAndStartsNoRecovery() {
        String customer = customer();
        String id = invitation(customer, "service-recovery:1", SurveyAnswers.SERVICE_RECOVERY);
        desk.away = true;

        assertThat(answers.answer(id, 1, null).answer()).isEqualTo(SurveyInvitations.Answer.RECORDED);
        assertThat(ingress.accepted).as("the answer, no survey.low-score").containsExactly("survey:" + id);
        assertThat(handedOverAt(id)).as("the desk was away").isNull();

        desk.away = false;
        clock.advance(Duration.ofMinutes(3));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(ingress.accepted).containsExactly("survey:" + id);
        assertThat(desk.opened).singleElement().satisfies(task -> {
            assertThat(task.taskId()).isEqualTo("sd-survey-" + id);
            assertThat(task.customerId()).isEqualTo(customer);
            assertThat(task.queue()).isEqualTo("customer-care");
            assertThat(task.priority()).isEqualTo("high");
            assertThat(task.summary()).isEqualTo("Still unhappy after a service recovery: NPS 1");
            assertThat(task.details()).containsEntry("score", 1).containsEntry("touchpoint", "service-recovery")
                    .doesNotContainKey("answerKey");
        });
        assertThat(desk.attempts.get()).as("one refused by the away desk, one opened").isEqualTo(2);
    }

    @Test
    void aLowAnswerToAnotherJourneysSurveyStillStartsARecovery() {
        String customer = customer();
        String id = invitation(customer, "order-shipped:2", "order-shipped");
        answers.answer(id, 6, null);
        assertThat(ingress.accepted).containsExactlyInAnyOrder("survey:" + id, "survey-low:" + id);
        assertThat(desk.opened).isEmpty();
        assertThat(handedOverAt(id)).isNotNull();
    }

    @Test
    void theCustomerIsThankedOnceTheAnswerIsStoredEvenWhenItsHandOverFails() {
        String customer = customer();
        String id = invitation(customer, "order-shipped:2", "order-shipped");
        ledgerStepFails = true;
        SurveyPageEndpoint page = new SurveyPageEndpoint(invitations, answers, brand, application.getBeanProvider(Clock.class));

        ResponseEntity<String> thanks = page.answer(invitations.token(id), "4");
        assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(thanks.getBody()).contains("Thank you, we have your answer (4).");
        assertThat(page.answer(invitations.token(id), "4").getBody()).contains("already been answered");
        assertThat(handedOverAt(id)).isNull();
    }

    private Instant handedOverAt(String id) {
        return application.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .query("SELECT handed_over_at FROM survey_invitation WHERE id = ?",
                        (rs, n) -> SurveyInvitations.instant(rs, "handed_over_at"), id).getFirst();
    }

    private List<EvidenceEntry> ledgerEntries(String customer) {
        return ledger.query(LedgerQuery.forCustomer(customer).withKinds(Set.of(EntryKind.SURVEY_ANSWERED))).entries();
    }

    private String invitation(String customer, String journey, String measures) {
        String touchpoint = "handover-it-" + UUID.randomUUID();
        invitations.issue(new SurveyLinkIssuer.Invitation(touchpoint, customer, "nps-survey", SurveyMetric.NPS, journey,
                measures, Channel.EMAIL, "en"));
        return invitations.byTouchpointKey(touchpoint).orElseThrow().id();
    }

    private String customer() {
        int n = CUSTOMERS.incrementAndGet();
        String id = "handover-it-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        customers.upsert(new CustomerProfile(id, "Kim", "Tester", Locale.ENGLISH, java.time.ZoneOffset.UTC,
                id + "@example.com", String.format("+49153%07d", 4_000_000 + n), List.of(), "silver", "berlin-mitte",
                Map.of(), ChannelPreferences.NONE, null));
        return id;
    }

    /** The ingress as the survey answers see it: BUSY when told, else ACCEPTED once per key and DUPLICATE after. */
    static final class FakeIngress implements EventIngress {
        volatile Predicate<String> busy = key -> false;
        final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger submissions = new AtomicInteger();

        @Override
        public EventOutcome submit(IngressEvent event) {
            return submit(event, null);
        }

        @Override
        public EventOutcome submit(IngressEvent event, String source) {
            submissions.incrementAndGet();
            String key = event.idempotencyKey();
            if (busy.test(key)) {
                return EventOutcome.busy(key, "the engine pushed back");
            }
            if (accepted.contains(key)) {
                duplicates.add(key);
                return EventOutcome.duplicate(key, event.type());
            }
            accepted.add(key);
            return EventOutcome.accepted(key, event.type());
        }
    }

    /** A service desk that is away when told, else opens a task once per task id. */
    static final class FakeDesk implements ServiceDesk {
        volatile boolean away;
        final Map<String, ServiceDeskTask> byId = new ConcurrentHashMap<>();
        final List<ServiceDeskTask> opened = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public String open(ServiceDeskTask task) {
            attempts.incrementAndGet();
            if (away) {
                throw new ServiceDesk.Unavailable("connection refused", null);
            }
            if (byId.putIfAbsent(task.taskId(), task) == null) {
                opened.add(task);
            }
            return "T-" + task.taskId();
        }

        @Override
        public String describe() {
            return "the test's desk";
        }
    }
}
