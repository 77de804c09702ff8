package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.context.ContextTestSupport;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Issue 16.7: the embedded engine's memory stays bounded however many journeys it ran. Its log releases what the
 * engine processed and the record log read; the record log keeps the most recent records and what a reader has not
 * read yet; a reader with a cursor still sees every record.
 */
class BoundedEngineMemoryIT {

    private static final int INSTANCES = 1_000;
    private static final int RETAINED = 300;

    @Test
    void aCursorSeesEveryInstanceWhileTheEngineHoldsOnlyABoundedWindow() {
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine("127.0.0.1", ContextTestSupport.freePort(),
                EmbeddedEngineState.ROCKSDB, 32L * 1024 * 1024, RETAINED, 0);
        engine.start();
        try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create(engine.gatewayAddress()))
                .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(30)).build();
             EngineRuntime.Cursor cursor = engine.records().orElseThrow().cursor("test")) {
            BpmnModelInstance journey = Bpmn.createExecutableProcess("bounded").startEvent().serviceTask("work",
                    t -> t.zeebeJobType("bounded-work")).endEvent().done();
            client.newDeployResourceCommand().addProcessModel(journey, "bounded.bpmn").send().join();
            Set<Long> completed = new HashSet<>();
            long peakBytes = 0;
            try (var worker = client.newWorker().jobType("bounded-work")
                    .handler((jobs, job) -> jobs.newCompleteCommand(job.getKey()).send().join()).maxJobsActive(64).open()) {
                for (int batch = 0; batch < INSTANCES / 100; batch++) {
                    List<CompletionStage<?>> created = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        created.add(client.newCreateInstanceCommand().bpmnProcessId("bounded").latestVersion()
                                .variables(Map.of("customerId", "c-" + batch + "-" + i)).send());
                    }
                    created.forEach(stage -> stage.toCompletableFuture().join());
                    read(cursor, completed);
                    peakBytes = Math.max(peakBytes, engine.logBytesHeld());
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    read(cursor, completed);
                    return completed.size() == INSTANCES;
                });
            }
            assertThat(completed).as("the cursor saw every instance end").hasSize(INSTANCES);
            // the worker is closed: the engine is idle; once the cursor read the tail, only the window is held
            long peak = peakBytes;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                read(cursor, completed);
                assertThat(engine.recordsHeld()).isLessThanOrEqualTo(RETAINED);
                assertThat(engine.logBytesHeld()).as("log bytes held when idle (peak seen under load: %d)", peak)
                        .isLessThan(64 * 1024);
            });
            assertThat(engine.records().orElseThrow().all()).hasSizeLessThanOrEqualTo(RETAINED);
        } finally {
            engine.close();
        }
    }

    @Test
    void aReaderFarBehindMakesTheEngineRefuseNewWorkUntilItCaughtUp() {
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine("127.0.0.1", ContextTestSupport.freePort(),
                EmbeddedEngineState.ROCKSDB, 32L * 1024 * 1024, 0, 200);
        engine.start();
        try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create(engine.gatewayAddress()))
                .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(30)).build();
             EngineRuntime.Cursor slow = engine.records().orElseThrow().cursor("slow-reader")) {
            client.newDeployResourceCommand().addProcessModel(
                    Bpmn.createExecutableProcess("quick").startEvent().endEvent().done(), "quick.bpmn").send().join();
            // the reader does not read: records pile up for it until the engine says no
            Throwable refused = await().atMost(Duration.ofSeconds(60)).until(() -> {
                try {
                    client.newCreateInstanceCommand().bpmnProcessId("quick").latestVersion().send().join();
                    return null;
                } catch (io.camunda.client.api.command.ClientStatusException e) {
                    return e;
                }
            }, java.util.Objects::nonNull);
            assertThat(refused).isInstanceOfSatisfying(io.camunda.client.api.command.ClientStatusException.class, e -> {
                assertThat(e.getStatusCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
                assertThat(e.getMessage()).contains("behind their readers", "max-unread-records");
            });
            long held = engine.recordsHeld();
            assertThat(held).as("bounded by the limit plus what was in flight").isLessThan(2_000);
            // work already running is not refused: a job completes while new instances are refused
            Set<Long> read = new HashSet<>();
            read(slow, read);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    client.newCreateInstanceCommand().bpmnProcessId("quick").latestVersion().send().join());
        } finally {
            engine.close();
        }
    }

    private static void read(EngineRuntime.Cursor cursor, Set<Long> completed) {
        for (List<Record<?>> batch = cursor.next(1_000); !batch.isEmpty(); batch = cursor.next(1_000)) {
            for (Record<?> record : batch) {
                if (record.getValueType() == ValueType.PROCESS_INSTANCE && record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                        && record.getValue() instanceof ProcessInstanceRecordValue value
                        && value.getBpmnElementType() == BpmnElementType.PROCESS) {
                    completed.add(value.getProcessInstanceKey());
                }
            }
        }
    }
}
