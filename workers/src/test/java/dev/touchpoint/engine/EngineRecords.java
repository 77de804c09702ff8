package dev.touchpoint.engine;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
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
