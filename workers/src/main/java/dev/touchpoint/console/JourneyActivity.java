package dev.touchpoint.console;

import dev.touchpoint.engine.EngineRuntime;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the engine's record stream says about one journey: element instances per BPMN element (active, completed,
 * terminated), open incidents with their reason, and the versions that ran. Only where this process can read the
 * records (the embedded engine); for a remote cluster without an exporter, {@link #read} is empty and the page says so.
 */
record JourneyActivity(Map<String, ElementCounts> elements, List<Incident> incidents, long instancesActive,
                       long instancesCompleted, long instancesTerminated, List<Integer> versions) {

    /** Element instances of one BPMN element. */
    record ElementCounts(long activated, long completed, long terminated, long incidents) {
        long active() {
            return Math.max(0, activated - completed - terminated);
        }
    }

    /** An incident that is not resolved. */
    record Incident(long key, long processInstanceKey, String elementId, String errorType, String errorMessage, long jobKey) {
    }

    /** The journey's activity; {@code version} null for every version. Empty when the records cannot be read here. */
    static Optional<JourneyActivity> read(EngineRuntime engine, String processId, Integer version) {
        Optional<EngineRuntime.RecordStream> stream = engine.records();
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        Map<String, long[]> counts = new TreeMap<>();
        Map<Long, Incident> open = new LinkedHashMap<>();
        TreeSet<Integer> versions = new TreeSet<>();
        long[] instances = new long[3];
        for (Record<?> record : stream.get().all()) {
            if (record.getRecordType() != RecordType.EVENT) {
                continue;
            }
            if (record.getValueType() == ValueType.PROCESS_INSTANCE
                    && record.getValue() instanceof ProcessInstanceRecordValue value && processId.equals(value.getBpmnProcessId())) {
                versions.add(value.getVersion());
                if (version != null && value.getVersion() != version) {
                    continue;
                }
                int slot = switch ((ProcessInstanceIntent) record.getIntent()) {
                    case ELEMENT_ACTIVATED -> 0;
                    case ELEMENT_COMPLETED -> 1;
                    case ELEMENT_TERMINATED -> 2;
                    default -> -1;
                };
                if (slot < 0) {
                    continue;
                }
                if (value.getBpmnElementType() == BpmnElementType.PROCESS) {
                    instances[slot]++;
                } else {
                    counts.computeIfAbsent(value.getElementId(), id -> new long[4])[slot]++;
                }
            } else if (record.getValueType() == ValueType.INCIDENT
                    && record.getValue() instanceof IncidentRecordValue value && processId.equals(value.getBpmnProcessId())) {
                if (record.getIntent() == IncidentIntent.CREATED) {
                    open.put(record.getKey(), new Incident(record.getKey(), value.getProcessInstanceKey(),
                            value.getElementId(), String.valueOf(value.getErrorType()), value.getErrorMessage(), value.getJobKey()));
                } else if (record.getIntent() == IncidentIntent.RESOLVED) {
                    open.remove(record.getKey());
                }
            }
        }
        List<Incident> incidents = new ArrayList<>();
        for (Incident incident : open.values()) {
            // incident records do not name the version: an open incident shows under every version of the journey
            incidents.add(incident);
            counts.computeIfAbsent(incident.elementId(), id -> new long[4])[3]++;
        }
        Map<String, ElementCounts> elements = new TreeMap<>();
        counts.forEach((id, c) -> elements.put(id, new ElementCounts(c[0], c[1], c[2], c[3])));
        return Optional.of(new JourneyActivity(elements, incidents, Math.max(0, instances[0] - instances[1] - instances[2]),
                instances[1], instances[2], List.copyOf(versions)));
    }
}
