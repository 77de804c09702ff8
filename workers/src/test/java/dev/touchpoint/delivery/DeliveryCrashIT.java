package dev.touchpoint.delivery;

import dev.touchpoint.delivery.internal.TouchpointVariables;

import dev.touchpoint.delivery.internal.TouchpointJobWorkers;

import dev.touchpoint.delivery.internal.HazelcastDeliveryAttempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.engine.EngineRecords;
import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A worker is stopped after the vendor call and before it completes the job. When the job times out and another
 * worker takes it, the provider has still received exactly one message, and the journey goes on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DeliveryCrashIT {

    private static final String CRASH_TYPE = "touchpoint.test.crash-email";

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry,
                "touchpoint.journeys.location=" + java.nio.file.Path.of("src/test/resources/journeys/valid").toAbsolutePath());
    }

    @Autowired CamundaClient client;
    @Autowired EngineRuntime engine;
    @Autowired CustomerContextStore customers;
    @Autowired SandboxMailServer mailbox;
    @Autowired TouchpointJobWorkers workers;
    @Autowired com.hazelcast.core.HazelcastInstance contextHazelcastInstance;
    @Autowired dev.touchpoint.ledger.EvidenceLedger ledger;

    @Test
    void aWorkerKilledAfterTheVendorCallNeverCausesASecondSend() throws Exception {
        String customerId = "crash-" + System.nanoTime();
        String address = customerId + "@example.com";
        customers.upsert(new CustomerProfile(customerId, "Ada", "Crash", Locale.ENGLISH, TouchpointJourneysIT.zoneWhereItIs(12),
                address, null, List.of(), null, null, Map.of(), ChannelPreferences.NONE, null));
        customers.recordConsent(new ConsentChange(customerId, Channel.EMAIL, Purpose.MARKETING,
                ConsentStatus.GRANTED, ConsentSource.API, "test", Instant.now()));
        deployCrashJourney();
        long instance = client.newCreateInstanceCommand().bpmnProcessId("crash-check").latestVersion()
                .variables(Map.of("customerId", customerId, "offerCode", "CRASH10", "offerPercent", 10,
                        "offerExpires", LocalDate.now().plusDays(7).toString()))
                .send().join().getProcessInstanceKey();

        // worker 1 runs the real pipeline (the email goes out), then "dies": it never completes the job
        CountDownLatch delivered = new CountDownLatch(1);
        try (JobWorker killed = client.newWorker().jobType(CRASH_TYPE)
                .handler((jobClient, job) -> {
                    workers.handle(job, variables(job), Channel.EMAIL);
                    delivered.countDown();
                })
                .timeout(Duration.ofSeconds(30)).maxJobsActive(1).open()) {
            assertThat(delivered.await(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(emailsTo(address)).isEqualTo(1);

        // the job times out (engine clock), worker 2 takes it and completes it
        engine.clock().orElseThrow().advance(Duration.ofSeconds(31));
        AtomicInteger handled = new AtomicInteger();
        try (JobWorker survivor = client.newWorker().jobType(CRASH_TYPE)
                .handler((jobClient, job) -> {
                    Map<String, Object> result = workers.handle(job, variables(job), Channel.EMAIL);
                    handled.incrementAndGet();
                    jobClient.newCompleteCommand(job).variables(result).send().join();
                })
                .timeout(Duration.ofSeconds(30)).open()) {
            EngineRecords records = EngineRecords.of(engine);
            await().atMost(Duration.ofSeconds(60)).until(() -> records.instanceCompleted(instance));
            assertThat(records.variable(instance, "touchpoint")).hasValueSatisfying(v -> assertThat(v).contains("\"status\":\"SENT\""));
        }

        assertThat(handled).hasValue(1);
        assertThat(emailsTo(address)).as("messages at the provider").isEqualTo(1);
    }

    /**
     * The process that sent the email is killed before it completes the job: its Hazelcast member takes the attempt
     * marker and the customer's reservation with it (here: the marker map is cleared and the customer's context entry
     * evicted, which is what a restarted single member starts with). The retried job finds no marker, reads the
     * durable evidence, and neither sends again nor records a second SENT.
     */
    @Test
    void aRetryAfterTheMemberLostItsMarkersReadsTheDurableEvidenceAndNeverSendsTwice() throws Exception {
        String customerId = "lost-" + System.nanoTime();
        String address = customerId + "@example.com";
        customers.upsert(new CustomerProfile(customerId, "Ada", "Lost", Locale.ENGLISH, TouchpointJourneysIT.zoneWhereItIs(12),
                address, null, List.of(), null, null, Map.of(), ChannelPreferences.NONE, null));
        customers.recordConsent(new ConsentChange(customerId, Channel.EMAIL, Purpose.MARKETING,
                ConsentStatus.GRANTED, ConsentSource.API, "test", Instant.now()));
        deployCrashJourney();
        long instance = client.newCreateInstanceCommand().bpmnProcessId("crash-check").latestVersion()
                .variables(Map.of("customerId", customerId, "offerCode", "LOST10", "offerPercent", 10,
                        "offerExpires", LocalDate.now().plusDays(7).toString()))
                .send().join().getProcessInstanceKey();

        CountDownLatch delivered = new CountDownLatch(1);
        try (JobWorker killed = client.newWorker().jobType(CRASH_TYPE)
                .handler((jobClient, job) -> {
                    if (job.getProcessInstanceKey() == instance) {
                        workers.handle(job, variables(job), Channel.EMAIL);
                        delivered.countDown();
                    }
                })
                .timeout(Duration.ofSeconds(30)).maxJobsActive(1).open()) {
            assertThat(delivered.await(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(emailsTo(address)).isEqualTo(1);
        contextHazelcastInstance.getMap(HazelcastDeliveryAttempts.MAP_NAME).clear();
        contextHazelcastInstance.getMap(dev.touchpoint.context.internal.ContextMaps.CONTEXTS).evict(customerId);

        engine.clock().orElseThrow().advance(Duration.ofSeconds(31));
        try (JobWorker survivor = client.newWorker().jobType(CRASH_TYPE)
                .handler((jobClient, job) -> jobClient.newCompleteCommand(job)
                        .variables(workers.handle(job, variables(job), Channel.EMAIL)).send().join())
                .timeout(Duration.ofSeconds(30)).open()) {
            EngineRecords records = EngineRecords.of(engine);
            await().atMost(Duration.ofSeconds(60)).until(() -> records.instanceCompleted(instance));
            assertThat(records.variable(instance, "touchpoint")).hasValueSatisfying(v -> assertThat(v).contains("\"status\":\"SENT\""));
        }

        assertThat(emailsTo(address)).as("messages at the provider").isEqualTo(1);
        assertThat(ledger.query(new dev.touchpoint.ledger.LedgerQuery(customerId, null, null, null, null,
                        java.util.Set.of(dev.touchpoint.ledger.EntryKind.DELIVERY_ATTEMPT), null, null, 0, 100)).entries())
                .extracting(dev.touchpoint.ledger.EvidenceEntry::outcome)
                .as("one attempt, one SENT: the evidence matches the mailbox").containsExactly("STARTED", "SENT");
    }

    private static TouchpointVariables variables(ActivatedJob job) {
        return job.getVariablesAsType(TouchpointVariables.class);
    }

    private long emailsTo(String address) {
        return mailbox.messages().stream().filter(m -> m.to().contains(address)).count();
    }

    private void deployCrashJourney() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("crash-check")
                .startEvent("started")
                .serviceTask("send-welcome-email", task -> task.zeebeJobType(CRASH_TYPE)
                        .zeebeTaskHeader("templateId", "welcome")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInputExpression("{offerCode: offerCode, offerPercent: offerPercent, offerExpires: offerExpires}",
                                "templateVariables"))
                .endEvent("sent")
                .done();
        client.newDeployResourceCommand().addProcessModel(model, "crash-check.bpmn").send().join();
    }
}
