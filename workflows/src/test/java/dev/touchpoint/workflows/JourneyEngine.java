package dev.touchpoint.workflows;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A real Zeebe engine in this JVM with the six journeys and the decisions deployed (one deployment, as the workers app does), and
 * the few moves a process test makes: publish messages, play a touchpoint worker, move the clock, read the record
 * stream by BPMN element id. One instance serves all journey tests of a test run ({@link JourneyEngineExtension}).
 */
final class JourneyEngine implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ZeebeTestEngine engine;
    /** How far {@link #passTimer} moved the engine's clock. */
    private volatile Duration moved = Duration.ZERO;
    private final CamundaClient client;
    private final DeploymentEvent deployment;
    private final List<ActivatedJob> activated = new CopyOnWriteArrayList<>();

    private JourneyEngine(ZeebeTestEngine engine, CamundaClient client, DeploymentEvent deployment) {
        this.engine = engine;
        this.client = client;
        this.deployment = deployment;
    }

    static JourneyEngine start() {
        int port = freePort();
        ZeebeTestEngine engine = EngineFactory.create(port);
        engine.start();
        CamundaClient client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(false)
                .defaultRequestTimeout(WAIT)
                .build();
        try {
            return new JourneyEngine(engine, client, deploy(client, WorkflowsFolder.deployedFiles()));
        } catch (RuntimeException e) {
            client.close();
            engine.stop();
            throw e;
        }
    }

    /** All journey files in one deployment, named as the workers app names them (relative to workflows/). */
    private static DeploymentEvent deploy(CamundaClient client, List<Path> files) {
        DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
        for (Path file : files) {
            String name = WorkflowsFolder.root().relativize(file).toString().replace('\\', '/');
            command = command == null
                    ? client.newDeployResourceCommand().addResourceBytes(read(file), name)
                    : command.addResourceBytes(read(file), name);
        }
        if (command == null) {
            throw new IllegalStateException("no journeys to deploy in " + WorkflowsFolder.journeys());
        }
        return command.send().join();
    }

    DeploymentEvent deployment() {
        return deployment;
    }

    // ------------------------------------------------------------------ driving

    void publish(String messageName, String correlationKey, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(messageName).correlationKey(correlationKey)
                .timeToLive(Duration.ofMinutes(1)).variables(variables).send().join();
    }

    /** Publishes with a message id, as the ingress does (the event's idempotency key): the engine keeps one per id. */
    void publish(String messageName, String correlationKey, String messageId, Map<String, Object> variables) {
        client.newPublishMessageCommand().messageName(messageName).correlationKey(correlationKey).messageId(messageId)
                .timeToLive(Duration.ofMinutes(1)).variables(variables).send().join();
    }

    long createInstance(String processId, Map<String, Object> variables) {
        return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
                .send().join().getProcessInstanceKey();
    }

    /** The instance of {@code processId} whose process variable customerId is {@code customerId}. */
    long awaitInstance(String processId, String customerId) {
        String json = "\"" + customerId + "\"";
        AtomicReference<Long> found = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            events(ValueType.VARIABLE, VariableIntent.CREATED).map(r -> (VariableRecordValue) r.getValue())
                    .filter(v -> v.getBpmnProcessId().equals(processId) && v.getName().equals("customerId")
                            && v.getValue().equals(json) && v.getScopeKey() == v.getProcessInstanceKey())
                    .findFirst().ifPresent(v -> found.set(v.getProcessInstanceKey()));
            return found.get() != null;
        });
        return found.get();
    }

    /** Every instance of {@code processId} started for {@code customerId}, oldest first. */
    List<Long> instances(String processId, String customerId) {
        String json = "\"" + customerId + "\"";
        return events(ValueType.VARIABLE, VariableIntent.CREATED).map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getBpmnProcessId().equals(processId) && v.getName().equals("customerId")
                        && v.getValue().equals(json) && v.getScopeKey() == v.getProcessInstanceKey())
                .map(VariableRecordValue::getProcessInstanceKey).distinct().toList();
    }

    /**
     * Activates the job of {@code type} that {@code processInstanceKey} is waiting for, as a worker would. Jobs of
     * other instances activated on the way are kept for the test that asks for them next.
     */
    ActivatedJob awaitJob(long processInstanceKey, String type) {
        AtomicReference<ActivatedJob> found = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10).workerName("journey-test")
                    .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofMillis(300)).send().join().getJobs()
                    .forEach(activated::add);
            activated.stream()
                    .filter(j -> j.getProcessInstanceKey() == processInstanceKey && j.getType().equals(type))
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        activated.remove(found.get());
        return found.get();
    }

    /** Completes the job the way a touchpoint worker does: the result goes into the task's resultVariable. */
    void sent(ActivatedJob job, String channel) {
        String resultVariable = job.getCustomHeaders().getOrDefault("resultVariable", "touchpoint");
        Map<String, Object> result = Map.of(
                "channel", channel, "status", "SENT", "messageId", "test-" + job.getKey(),
                "templateId", job.getCustomHeaders().get("templateId"), "templateVersion", "1.0.0",
                "contentHash", "sha256:test");
        client.newCompleteCommand(job).variables(Map.of(resultVariable, result)).send().join();
    }

    void complete(ActivatedJob job, Map<String, Object> variables) {
        client.newCompleteCommand(job).variables(variables).send().join();
    }

    /** Throws TOUCHPOINT_SUPPRESSED or TOUCHPOINT_UNDELIVERABLE with its reason variable, as the contract says. */
    void fails(ActivatedJob job, String errorCode, String reason) {
        String reasonVariable = errorCode.equals(TouchpointContract.SUPPRESSED)
                ? "touchpointSuppressedReason" : "touchpointUndeliverableReason";
        client.newThrowErrorCommand(job).errorCode(errorCode).errorMessage(reason)
                .variables(Map.of(reasonVariable, reason)).send().join();
    }

    void awaitMessageSubscription(long processInstanceKey, String messageName) {
        await().atMost(WAIT).until(() -> events(ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CREATED)
                .map(r -> (ProcessMessageSubscriptionRecordValue) r.getValue())
                .anyMatch(s -> s.getProcessInstanceKey() == processInstanceKey && s.getMessageName().equals(messageName)));
    }

    /**
     * The engine's clock: what FEEL's {@code now()} and {@code today()} see (in the JVM's default zone). The test
     * engine's clock is the machine's plus every {@link #passTimer} move (it has no getter), so this adds them up.
     */
    java.time.Instant now() {
        return java.time.Instant.now().plus(moved);
    }

    /** Waits until the timer of {@code elementId} is set, then moves the engine clock past it. */
    void passTimer(long processInstanceKey, String elementId, Duration by) {
        awaitTimer(processInstanceKey, elementId);
        engine.increaseTime(by);
        moved = moved.plus(by);
        await().atMost(WAIT).until(() -> events(ValueType.TIMER, TimerIntent.TRIGGERED)
                .map(r -> (TimerRecordValue) r.getValue())
                .anyMatch(t -> t.getProcessInstanceKey() == processInstanceKey && t.getTargetElementId().equals(elementId)));
    }

    /** Waits until the instance waits at the timer event {@code elementId}. */
    void awaitTimer(long processInstanceKey, String elementId) {
        await().atMost(WAIT).until(() -> events(ValueType.TIMER, TimerIntent.CREATED)
                .map(r -> (TimerRecordValue) r.getValue())
                .anyMatch(t -> t.getProcessInstanceKey() == processInstanceKey && t.getTargetElementId().equals(elementId)));
    }

    void cancelQuietly(long processInstanceKey) {
        if (!completed(processInstanceKey)) {
            try {
                client.newCancelInstanceCommand(processInstanceKey).send().join();
            } catch (RuntimeException alreadyEnded) {
                // the instance ended between the check and the cancel
            }
        }
    }

    // ------------------------------------------------------------------ history

    void awaitCompleted(long processInstanceKey) {
        await().atMost(WAIT).until(() -> completed(processInstanceKey));
    }

    boolean completed(long processInstanceKey) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED)
                .anyMatch(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS);
    }

    /** Element ids the instance completed, in order. */
    List<String> completedElements(long processInstanceKey) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED)
                .map(r -> r.getValue().getElementId()).toList();
    }

    /** Element ids the instance activated, in order. */
    List<String> activatedElements(long processInstanceKey) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_ACTIVATED)
                .map(r -> r.getValue().getElementId()).toList();
    }

    @SuppressWarnings("unchecked")
    private Stream<Record<ProcessInstanceRecordValue>> elementEvents(long processInstanceKey, ProcessInstanceIntent intent) {
        return events(ValueType.PROCESS_INSTANCE, intent)
                .map(r -> (Record<ProcessInstanceRecordValue>) r)
                .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey);
    }

    private Stream<Record<?>> events(ValueType valueType, Intent intent) {
        List<Record<?>> snapshot = new ArrayList<>();
        engine.getRecordStreamSource().getRecords().forEach(snapshot::add);
        return snapshot.stream()
                .filter(r -> r.getRecordType() == RecordType.EVENT)
                .filter(r -> r.getValueType() == valueType && r.getIntent() == intent);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            engine.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded engine", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read journey " + file, e);
        }
    }

}
