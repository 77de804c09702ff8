package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TouchpointApplication;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceLedger;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default restarted on the same database: the engine starts empty and hands out the same keys again.
 * The same journey for the same customer after the restart is a new touchpoint, sent again, and its evidence and
 * journey-instance row stand beside the first incarnation's instead of joining or overwriting them (issue 16.3). The
 * journey still waiting at the stop is listed and saved, and restarted without sending its email again (16.8).
 */
class EngineIncarnationIT {

    private static final String JOURNEY = "incarnation-check";

    @Test
    void theSameJourneyAfterAnEmbeddedRestartIsANewTouchpointWithItsOwnEvidence() {
        String[] arguments = IsolatedApplication.arguments(
                "touchpoint.journeys.location=" + java.nio.file.Path.of("src/test/resources/journeys/valid").toAbsolutePath());
        String customerId = "incarnation-" + System.nanoTime();
        List<Long> instances = new ArrayList<>();
        List<String> engines = new ArrayList<>();
        for (int run = 1; run <= 2; run++) {
            // keys restart with the engine; whether this sequence meets the same key again depends on what else ran
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TouchpointApplication.class)
                    .web(WebApplicationType.NONE).run(arguments)) {
                EngineRuntime engine = app.getBean(EngineRuntime.class);
                engines.add(engine.identity());
                if (run == 1) {
                    createCustomer(app.getBean(CustomerContextStore.class), customerId);
                }
                CamundaClient client = app.getBean(CamundaClient.class);
                client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(JOURNEY)
                        .startEvent().serviceTask("send-welcome-email", task -> task.zeebeJobType(Types.EMAIL_SEND)
                                .zeebeTaskHeader("templateId", "welcome")
                                .zeebeInputExpression("customerId", "customerId")
                                .zeebeInputExpression("{offerCode: \"AGAIN10\", offerPercent: 10, offerExpires: offerExpires}",
                                        "templateVariables"))
                        .intermediateCatchEvent("a-day-later", timer -> timer.timerWithDuration("P1D"))
                        .endEvent().done(), JOURNEY + ".bpmn").send().join();
                SandboxMailServer mailbox = app.getBean(SandboxMailServer.class);
                EngineRecords records = EngineRecords.of(engine);
                InterruptedJourneysView restarts = new InterruptedJourneysView(app);
                if (run == 2) {
                    // the journey the stop interrupted: listed, restarted, and its email (sent by run 1) not sent again
                    assertThat(restarts.list()).singleElement().satisfies(j -> {
                        assertThat(j.engine()).isEqualTo(engines.get(0));
                        assertThat(j.instance()).isEqualTo(instances.get(0));
                        assertThat(j.customerId()).isEqualTo(customerId);
                    });
                    long restarted = restarts.restartAll();
                    await().atMost(Duration.ofSeconds(60)).until(() -> records.elementCompleted(restarted, "send-welcome-email"));
                    assertThat(records.variable(restarted, "touchpoint")).hasValueSatisfying(v -> assertThat(v).contains("\"status\":\"SENT\""));
                    assertThat(emailsTo(mailbox, customerId)).as("the restarted journey's email went out before the stop").isZero();
                    assertThat(restarts.list()).isEmpty();
                }
                long instance = client.newCreateInstanceCommand().bpmnProcessId(JOURNEY).latestVersion()
                        .variables(Map.of("customerId", customerId, "offerExpires", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString()))
                        .send().join().getProcessInstanceKey();
                instances.add(instance);
                await().atMost(Duration.ofSeconds(60)).until(() -> records.elementCompleted(instance, "send-welcome-email"));
                assertThat(records.variable(instance, "touchpoint")).hasValueSatisfying(v -> assertThat(v).contains("\"status\":\"SENT\""));
                assertThat(emailsTo(mailbox, customerId))
                        .as("run %d: the sandbox mailbox starts empty at every start and holds this run's email", run).isEqualTo(1);

                if (run == 2) {
                    EvidenceLedger ledger = app.getBean(EvidenceLedger.class);
                    List<EvidenceEntry> entries = ledger.query(new LedgerQuery(customerId, null, null, null, null,
                            Set.of(EntryKind.DECISION, EntryKind.DELIVERY_ATTEMPT), null, null, 0, 100)).entries();
                    assertThat(entries).filteredOn(e -> "SEND".equals(e.decision())).extracting(EvidenceEntry::idempotencyKey)
                            .as("one SEND decision per incarnation, each key qualified by its engine incarnation")
                            .satisfiesExactly(
                                    first -> assertThat(first).startsWith("tp-" + engines.get(0) + "-" + instances.get(0) + "-"),
                                    second -> assertThat(second).startsWith("tp-" + engines.get(1) + "-" + instance + "-"));
                    assertThat(entries).filteredOn(e -> "SENT".equals(e.outcome())).hasSize(2);
                    // the process history records journey starts asynchronously: wait for the third row
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.getBean(JdbcTemplate.class).queryForList(
                            "SELECT engine_id FROM ledger_journey_instance WHERE customer_id = ? ORDER BY started_at", String.class, customerId))
                            .as("each incarnation's journey-instance rows (run 1; the restarted and the new one of run 2), none overwritten")
                            .containsExactly(engines.get(0), engines.get(1), engines.get(1)));
                    assertThat(ledger.verify().intact()).isTrue();
                }
            }
        }
        assertThat(engines.get(1)).isNotEqualTo(engines.get(0));
    }

    private static long emailsTo(SandboxMailServer mailbox, String customerId) {
        return mailbox.messages().stream().filter(m -> m.to().contains(customerId + "@example.com")).count();
    }

    /** The interrupted journeys of a running application, through the same bean the journey API uses. */
    private record InterruptedJourneysView(ConfigurableApplicationContext app) {
        List<dev.touchpoint.journey.InterruptedJourneys.Interrupted> list() {
            return app.getBean(dev.touchpoint.journey.InterruptedJourneys.class).interrupted();
        }

        long restartAll() {
            var report = app.getBean(dev.touchpoint.journey.InterruptedJourneys.class).restart();
            assertThat(report.failed()).isEmpty();
            return report.restarted().values().iterator().next();
        }
    }

    private static void createCustomer(CustomerContextStore customers, String customerId) {
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        ZoneOffset noon = ZoneOffset.ofHours(offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset);
        customers.upsert(new CustomerProfile(customerId, "Ines", "Again", Locale.ENGLISH, noon, customerId + "@example.com",
                null, List.of(), null, null, Map.of(), ChannelPreferences.NONE, null));
        customers.recordConsent(new ConsentChange(customerId, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, "test", Instant.now()));
    }
}
