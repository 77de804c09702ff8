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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Counts per journey, version and BPMN element from the engine's records, kept up to date by a subscription to the
 * record stream from the engine's start (the embedded engine keeps only a window of recent records on the heap,
 * ADR-0023: counting over that window would forget older instances). Memory is bounded by the number of journeys,
 * versions and elements, plus the open incidents. For a remote cluster without an exporter there are no records to
 * read: {@link #activity} is empty and the pages say so.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class JourneyActivityIndex {

    /** Activated, completed, terminated element instances, per process id, version and element. */
    private final Map<String, Map<Integer, Map<String, long[]>>> elements = new HashMap<>();
    /** Activated, completed, terminated process instances, per process id and version. */
    private final Map<String, Map<Integer, long[]>> instances = new HashMap<>();
    /** The version of each process definition seen (incident records name the definition, not the version). */
    private final Map<Long, Integer> versionOfDefinition = new HashMap<>();
    private final Map<Long, Open> incidents = new LinkedHashMap<>();
    private final EngineRuntime.Subscription subscription;

    private record Open(String processId, long definitionKey, JourneyActivity.Incident incident) {
    }

    JourneyActivityIndex(EngineRuntime engine) {
        // from the engine's start (this bean is created with the application): every instance is counted
        this.subscription = engine.records().map(stream -> stream.subscribe("console-journeys", this::accept)).orElse(null);
    }

    /** The journey's activity ({@code version} null: every version); empty when the engine's records are not readable here. */
    Optional<JourneyActivity> activity(String processId, Integer version) {
        if (subscription == null) {
            return Optional.empty();
        }
        subscription.catchUp();
        synchronized (this) {
            Map<String, long[]> counts = new TreeMap<>();
            long[] total = new long[3];
            Map<Integer, Map<String, long[]>> byVersion = elements.getOrDefault(processId, Map.of());
            byVersion.forEach((v, perElement) -> {
                if (version == null || version.equals(v)) {
                    perElement.forEach((id, c) -> {
                        long[] sum = counts.computeIfAbsent(id, k -> new long[4]);
                        for (int i = 0; i < 3; i++) {
                            sum[i] += c[i];
                        }
                    });
                }
            });
            instances.getOrDefault(processId, Map.of()).forEach((v, c) -> {
                if (version == null || version.equals(v)) {
                    for (int i = 0; i < 3; i++) {
                        total[i] += c[i];
                    }
                }
            });
            List<JourneyActivity.Incident> open = new ArrayList<>();
            for (Open o : incidents.values()) {
                Integer v = versionOfDefinition.get(o.definitionKey());
                if (o.processId().equals(processId) && (version == null || v == null || version.equals(v))) {
                    open.add(o.incident());
                    counts.computeIfAbsent(o.incident().elementId(), id -> new long[4])[3]++;
                }
            }
            Map<String, JourneyActivity.ElementCounts> result = new TreeMap<>();
            counts.forEach((id, c) -> result.put(id, new JourneyActivity.ElementCounts(c[0], c[1], c[2], c[3])));
            TreeSet<Integer> versions = new TreeSet<>(byVersion.keySet());
            versions.addAll(instances.getOrDefault(processId, Map.of()).keySet());
            return Optional.of(new JourneyActivity(result, open, Math.max(0, total[0] - total[1] - total[2]), total[1], total[2],
                    List.copyOf(versions)));
        }
    }

    /** Called on the stream's thread for every record: quick, no I/O. */
    private synchronized void accept(Record<?> record) {
        if (record.getRecordType() != RecordType.EVENT) {
            return;
        }
        if (record.getValueType() == ValueType.PROCESS_INSTANCE && record.getValue() instanceof ProcessInstanceRecordValue value) {
            int slot = switch ((ProcessInstanceIntent) record.getIntent()) {
                case ELEMENT_ACTIVATED -> 0;
                case ELEMENT_COMPLETED -> 1;
                case ELEMENT_TERMINATED -> 2;
                default -> -1;
            };
            if (slot < 0) {
                return;
            }
            versionOfDefinition.putIfAbsent(value.getProcessDefinitionKey(), value.getVersion());
            if (value.getBpmnElementType() == BpmnElementType.PROCESS) {
                instances.computeIfAbsent(value.getBpmnProcessId(), k -> new HashMap<>())
                        .computeIfAbsent(value.getVersion(), k -> new long[3])[slot]++;
            } else {
                elements.computeIfAbsent(value.getBpmnProcessId(), k -> new HashMap<>())
                        .computeIfAbsent(value.getVersion(), k -> new HashMap<>())
                        .computeIfAbsent(value.getElementId(), k -> new long[3])[slot]++;
            }
        } else if (record.getValueType() == ValueType.INCIDENT && record.getValue() instanceof IncidentRecordValue value) {
            if (record.getIntent() == IncidentIntent.CREATED) {
                incidents.put(record.getKey(), new Open(value.getBpmnProcessId(), value.getProcessDefinitionKey(),
                        new JourneyActivity.Incident(record.getKey(), value.getProcessInstanceKey(), value.getElementId(),
                                String.valueOf(value.getErrorType()), value.getErrorMessage(), value.getJobKey())));
            } else if (record.getIntent() == IncidentIntent.RESOLVED) {
                incidents.remove(record.getKey());
            }
        }
    }
}
