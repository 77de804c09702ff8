package dev.touchpoint.simulation;

import dev.touchpoint.engine.EngineRuntime;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.DecisionEvaluationIntent;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.DecisionEvaluationRecordValue;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the embedded engine is doing, read incrementally from its record stream: jobs a worker should be working on,
 * timers and job backoffs still to fall due (in engine time), incidents, and every process instance with its customer,
 * the elements it waits at and the end event it reached. The simulator asks it when the engine is idle and how far
 * to move the clocks.
 */
final class EngineActivity {

    private static final Set<BpmnElementType> WAIT_STATES = Set.of(BpmnElementType.INTERMEDIATE_CATCH_EVENT,
            BpmnElementType.EVENT_BASED_GATEWAY, BpmnElementType.SERVICE_TASK, BpmnElementType.RECEIVE_TASK,
            BpmnElementType.USER_TASK, BpmnElementType.BUSINESS_RULE_TASK, BpmnElementType.SEND_TASK,
            BpmnElementType.SCRIPT_TASK);

    /** A process instance of the simulation. */
    static final class Instance {
        final long key;
        final String processId;
        String customerId;
        String lastEnd;
        boolean completed;
        boolean terminated;
        final Map<Long, String> waitingAt = new LinkedHashMap<>();

        Instance(long key, String processId) {
            this.key = key;
            this.processId = processId;
        }

        boolean running() {
            return !completed && !terminated;
        }
    }

    record Job(long key, String type, String elementId, long instanceKey, long dueMillis) {
        boolean open() {
            return dueMillis < 0;
        }
    }

    record Incident(long key, long instanceKey, String elementId, String message) {
    }

    /** A decision the engine evaluated (a business rule task), with its output as JSON, at engine time {@code at}. */
    record Decision(long instanceKey, String elementId, String decisionId, String output, long at) {
    }

    private final EngineRuntime.Cursor cursor;
    private int position;
    private final Map<Long, Job> jobs = new HashMap<>();
    private final Map<Long, Long> timers = new HashMap<>();
    private final Map<Long, Incident> incidents = new LinkedHashMap<>();
    private final Map<Long, Instance> instances = new LinkedHashMap<>();
    private final Map<Long, String> customers = new HashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> completedJobVariables = new HashMap<>();

    /** Reads every record from the oldest the stream holds on (a simulation runs on its own engine from its start). */
    EngineActivity(EngineRuntime.RecordStream stream) {
        this.cursor = stream.cursor("simulation");
    }

    /** Reads the records written since the last call; returns how many records it has read in all. */
    synchronized int update() {
        for (List<Record<?>> batch = cursor.next(1_000); !batch.isEmpty(); batch = cursor.next(1_000)) {
            batch.forEach(this::handle);
            position += batch.size();
        }
        return position;
    }

    private void handle(Record<?> record) {
        if (record.getRecordType() != RecordType.EVENT) {
            return;
        }
        Intent intent = record.getIntent();
        switch (record.getValueType()) {
            case JOB -> job(record, (JobRecordValue) record.getValue(), intent);
            case TIMER -> {
                TimerRecordValue timer = (TimerRecordValue) record.getValue();
                if (intent == TimerIntent.CREATED) {
                    timers.put(record.getKey(), timer.getDueDate());
                } else if (intent == TimerIntent.TRIGGERED || intent == TimerIntent.CANCELED) {
                    timers.remove(record.getKey());
                }
            }
            case INCIDENT -> {
                IncidentRecordValue incident = (IncidentRecordValue) record.getValue();
                if (intent == IncidentIntent.CREATED) {
                    incidents.put(record.getKey(), new Incident(record.getKey(), incident.getProcessInstanceKey(),
                            incident.getElementId(), incident.getErrorType() + ": " + incident.getErrorMessage()));
                } else if (intent == IncidentIntent.RESOLVED) {
                    incidents.remove(record.getKey());
                }
            }
            case PROCESS_INSTANCE -> element(record, (ProcessInstanceRecordValue) record.getValue(), intent);
            case DECISION_EVALUATION -> {
                DecisionEvaluationRecordValue evaluation = (DecisionEvaluationRecordValue) record.getValue();
                if (intent == DecisionEvaluationIntent.EVALUATED) {
                    decisions.add(new Decision(evaluation.getProcessInstanceKey(), evaluation.getElementId(),
                            evaluation.getDecisionId(), evaluation.getDecisionOutput(), record.getTimestamp()));
                }
            }
            case VARIABLE -> {
                VariableRecordValue variable = (VariableRecordValue) record.getValue();
                // a created instance's start variables come before its process element is activated
                if (intent == VariableIntent.CREATED && variable.getName().equals("customerId")
                        && variable.getScopeKey() == variable.getProcessInstanceKey()) {
                    String json = variable.getValue();
                    String customerId = json.length() > 1 && json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
                    customers.put(variable.getProcessInstanceKey(), customerId);
                    Instance instance = instances.get(variable.getProcessInstanceKey());
                    if (instance != null) {
                        instance.customerId = customerId;
                    }
                }
            }
            default -> { }
        }
    }

    private void job(Record<?> record, JobRecordValue job, Intent intent) {
        long key = record.getKey();
        if (intent == JobIntent.CREATED || intent == JobIntent.TIMED_OUT || intent == JobIntent.RECURRED_AFTER_BACKOFF
                || intent == JobIntent.YIELDED || (intent == JobIntent.RETRIES_UPDATED && job.getRetries() > 0)) {
            jobs.put(key, new Job(key, job.getType(), job.getElementId(), job.getProcessInstanceKey(), -1));
        } else if (intent == JobIntent.FAILED) {
            if (job.getRetries() <= 0) {
                jobs.remove(key); // an incident now: reported, not waited for
            } else if (job.getRetryBackoff() > 0) {
                long due = job.getRecurringTime() > 0 ? job.getRecurringTime() : record.getTimestamp() + job.getRetryBackoff();
                jobs.put(key, new Job(key, job.getType(), job.getElementId(), job.getProcessInstanceKey(), due));
            } else {
                jobs.put(key, new Job(key, job.getType(), job.getElementId(), job.getProcessInstanceKey(), -1));
            }
        } else if (intent == JobIntent.COMPLETED) {
            jobs.remove(key);
            completedJobVariables.computeIfAbsent(job.getProcessInstanceKey() + "/" + job.getElementId(), k -> new ArrayList<>())
                    .add(job.getVariables());
        } else if (intent == JobIntent.ERROR_THROWN || intent == JobIntent.CANCELED) {
            jobs.remove(key);
        }
    }

    private void element(Record<?> record, ProcessInstanceRecordValue value, Intent intent) {
        if (value.getBpmnElementType() == BpmnElementType.PROCESS) {
            if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATING && value.getParentProcessInstanceKey() <= 0) {
                Instance instance = new Instance(value.getProcessInstanceKey(), value.getBpmnProcessId());
                instance.customerId = customers.get(value.getProcessInstanceKey());
                instances.put(value.getProcessInstanceKey(), instance);
            } else if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED) {
                instance(value).ifPresent(i -> i.completed = true);
            } else if (intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
                instance(value).ifPresent(i -> i.terminated = true);
            }
            return;
        }
        instance(value).ifPresent(instance -> {
            if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED && WAIT_STATES.contains(value.getBpmnElementType())) {
                instance.waitingAt.put(record.getKey(), value.getElementId());
            } else if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED || intent == ProcessInstanceIntent.ELEMENT_TERMINATED) {
                instance.waitingAt.remove(record.getKey());
                if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED && value.getBpmnElementType() == BpmnElementType.END_EVENT) {
                    instance.lastEnd = value.getElementId();
                }
            }
        });
    }

    private java.util.Optional<Instance> instance(ProcessInstanceRecordValue value) {
        return java.util.Optional.ofNullable(instances.get(value.getProcessInstanceKey()));
    }

    /** Jobs a worker should be working on now (created, retried without backoff, timed out), described for a person. */
    synchronized List<String> openJobs() {
        return jobs.values().stream().filter(Job::open)
                .map(j -> j.type() + " at element '" + j.elementId() + "' of instance " + j.instanceKey()).sorted().toList();
    }

    /** The earliest engine time at which a timer or a job backoff falls due, if any is pending. */
    synchronized OptionalLong nextDue() {
        OptionalLong timer = timers.values().stream().mapToLong(Long::longValue).min();
        OptionalLong backoff = jobs.values().stream().filter(j -> !j.open()).mapToLong(Job::dueMillis).min();
        if (timer.isEmpty()) {
            return backoff;
        }
        return backoff.isEmpty() ? timer : OptionalLong.of(Math.min(timer.getAsLong(), backoff.getAsLong()));
    }

    synchronized List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    synchronized List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    synchronized List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /** The variables of the completed jobs of one element of one instance, oldest first. */
    synchronized List<Map<String, Object>> completedJobVariables(long instanceKey, String elementId) {
        return List.copyOf(completedJobVariables.getOrDefault(instanceKey + "/" + elementId, List.of()));
    }
}
