package dev.touchpoint.engine;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Questions tests ask of an engine's record stream, by process instance key and BPMN element id. */
public final class EngineRecords {

    private final Supplier<Iterable<Record<?>>> records;

    public EngineRecords(Supplier<Iterable<Record<?>>> records) {
        this.records = records;
    }

    public static EngineRecords of(EngineRuntime runtime) {
        EngineRuntime.RecordStream stream = runtime.records().orElseThrow();
        return new EngineRecords(stream::all);
    }

    public boolean instanceCompleted(long processInstanceKey) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED)
                .anyMatch(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS);
    }

    /** Whether the instance was cancelled (its process element terminated). */
    public boolean instanceTerminated(long processInstanceKey) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_TERMINATED)
                .anyMatch(r -> r.getValue().getBpmnElementType() == BpmnElementType.PROCESS);
    }

    public boolean elementCompleted(long processInstanceKey, String elementId) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_COMPLETED)
                .anyMatch(r -> elementId.equals(r.getValue().getElementId()));
    }

    public boolean elementActivated(long processInstanceKey, String elementId) {
        return elementEvents(processInstanceKey, ProcessInstanceIntent.ELEMENT_ACTIVATED)
                .anyMatch(r -> elementId.equals(r.getValue().getElementId()));
    }

    public boolean timerCreated(long processInstanceKey, String elementId) {
        return events(ValueType.TIMER, TimerIntent.CREATED)
                .map(r -> (TimerRecordValue) r.getValue())
                .anyMatch(t -> t.getProcessInstanceKey() == processInstanceKey && elementId.equals(t.getTargetElementId()));
    }

    /** The instance of {@code bpmnProcessId} whose variable {@code customerId} is the given customer, if one started. */
    public java.util.Optional<Long> instanceFor(String bpmnProcessId, String customerId) {
        String json = "\"" + customerId + "\"";
        return events(ValueType.VARIABLE, VariableIntent.CREATED)
                .map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getBpmnProcessId().equals(bpmnProcessId) && v.getName().equals("customerId")
                        && v.getValue().equals(json) && v.getScopeKey() == v.getProcessInstanceKey())
                .map(VariableRecordValue::getProcessInstanceKey)
                .findFirst();
    }

    /** Every instance of {@code bpmnProcessId} started for the customer, oldest first. */
    public java.util.List<Long> instancesFor(String bpmnProcessId, String customerId) {
        String json = "\"" + customerId + "\"";
        return events(ValueType.VARIABLE, VariableIntent.CREATED)
                .map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getBpmnProcessId().equals(bpmnProcessId) && v.getName().equals("customerId")
                        && v.getValue().equals(json) && v.getScopeKey() == v.getProcessInstanceKey())
                .map(VariableRecordValue::getProcessInstanceKey)
                .distinct()
                .toList();
    }

    /** The latest JSON value of a variable in the instance (any scope), if it was ever set. */
    public java.util.Optional<String> variable(long processInstanceKey, String name) {
        return StreamSupport.stream(records.get().spliterator(), false)
                .filter(r -> r.getRecordType() == RecordType.EVENT && r.getValueType() == ValueType.VARIABLE)
                .map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getProcessInstanceKey() == processInstanceKey && v.getName().equals(name))
                .map(VariableRecordValue::getValue)
                .reduce((first, second) -> second);
    }

    /** How many messages of this name and correlation key the engine has published (a duplicate message id is not). */
    public long messagesPublished(String name, String correlationKey) {
        return events(ValueType.MESSAGE, io.camunda.zeebe.protocol.record.intent.MessageIntent.PUBLISHED)
                .map(r -> (io.camunda.zeebe.protocol.record.value.MessageRecordValue) r.getValue())
                .filter(m -> m.getName().equals(name) && m.getCorrelationKey().equals(correlationKey))
                .count();
    }

    /** The error messages of the instance's failed jobs, oldest first (retries and backoff show in the engine log). */
    public java.util.List<io.camunda.zeebe.protocol.record.value.JobRecordValue> failedJobs(long processInstanceKey) {
        return events(ValueType.JOB, io.camunda.zeebe.protocol.record.intent.JobIntent.FAILED)
                .map(r -> (io.camunda.zeebe.protocol.record.value.JobRecordValue) r.getValue())
                .filter(j -> j.getProcessInstanceKey() == processInstanceKey)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private Stream<Record<ProcessInstanceRecordValue>> elementEvents(long processInstanceKey, ProcessInstanceIntent intent) {
        return events(ValueType.PROCESS_INSTANCE, intent)
                .map(r -> (Record<ProcessInstanceRecordValue>) r)
                .filter(r -> r.getValue().getProcessInstanceKey() == processInstanceKey);
    }

    private Stream<Record<?>> events(ValueType valueType, Intent intent) {
        return StreamSupport.stream(records.get().spliterator(), false)
                .filter(r -> r.getRecordType() == RecordType.EVENT)
                .filter(r -> r.getValueType() == valueType && r.getIntent() == intent);
    }
}
