package dev.touchpoint.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.ledger.EntryKind;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns Zeebe records (the engine's log, as an exporter sees it) into process-history entries: journey started and
 * ended, element steps, messages correlated, timers triggered, incidents. The customer of an instance is its
 * process-level {@code customerId} variable (configurable); records that come before that variable wait for it (at
 * most {@code customerWait}, or until the instance ends) and are then recorded without a customer in chain
 * {@code ~journeys}. Depends on the Zeebe record API only, so a Zeebe exporter could run the same mapping (ADR-0011).
 * Not thread-safe: one reader feeds it.
 */
public final class ProcessHistoryMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String customerVariable;
    private final String campaignVariable;
    private final boolean steps;
    private final Duration customerWait;
    private final Map<Long, Instance> instances = new HashMap<>();
    /** Drafts ready to go, completed (customer, campaign, version) only when drained: later records of the same poll may add them. */
    private final List<Pending> ready = new ArrayList<>();

    private record Pending(Instance instance, EntryDraft draft) {
    }

    private String engine = "";

    public ProcessHistoryMapper(String customerVariable, String campaignVariable, boolean steps, Duration customerWait) {
        this.customerVariable = customerVariable;
        this.campaignVariable = campaignVariable;
        this.steps = steps;
        this.customerWait = customerWait;
    }

    /** The engine incarnation whose records these are: every entry carries it (ADR-0022). */
    public ProcessHistoryMapper engine(String identity) {
        this.engine = identity == null ? "" : identity;
        return this;
    }

    private static final class Instance {
        final long key;
        String processId;
        Integer version;
        String customerId;
        String campaignId;
        boolean withoutCustomer;
        Instant waitingSince;
        final List<EntryDraft> waiting = new ArrayList<>();

        Instance(long key) {
            this.key = key;
        }
    }

    /** Feeds one record; {@code now} is the wall-clock time used for the customer wait. */
    public void accept(Record<?> record, Instant now) {
        if (record.getRecordType() != RecordType.EVENT) {
            return;
        }
        Intent intent = record.getIntent();
        Instant at = Instant.ofEpochMilli(record.getTimestamp());
        switch (record.getValueType()) {
            case VARIABLE -> {
                if (intent == VariableIntent.CREATED || intent == VariableIntent.UPDATED) {
                    variable((VariableRecordValue) record.getValue());
                }
            }
            case PROCESS_INSTANCE -> processInstance(record, (ProcessInstanceRecordValue) record.getValue(), intent, at, now);
            case PROCESS_MESSAGE_SUBSCRIPTION -> {
                if (intent == ProcessMessageSubscriptionIntent.CORRELATED) {
                    ProcessMessageSubscriptionRecordValue v = (ProcessMessageSubscriptionRecordValue) record.getValue();
                    Instance instance = instance(v.getProcessInstanceKey());
                    emit(instance, base(EntryKind.MESSAGE_CORRELATED, at, instance).element(v.getElementId())
                            .outcome("CORRELATED")
                            .attribute("messageName", v.getMessageName())
                            .attribute("messageKey", v.getMessageKey())
                            .attribute("elementInstanceKey", v.getElementInstanceKey())
                            .personal("correlationKey", v.getCorrelationKey()).build(), now);
                }
            }
            case TIMER -> {
                TimerRecordValue v = (TimerRecordValue) record.getValue();
                if (intent == TimerIntent.TRIGGERED && v.getProcessInstanceKey() > 0) {
                    Instance instance = instance(v.getProcessInstanceKey());
                    emit(instance, base(EntryKind.TIMER_TRIGGERED, at, instance).element(v.getTargetElementId())
                            .outcome("TRIGGERED")
                            .attribute("dueDate", Instant.ofEpochMilli(v.getDueDate()))
                            .attribute("elementInstanceKey", v.getElementInstanceKey()).build(), now);
                }
            }
            case INCIDENT -> {
                if (intent == IncidentIntent.CREATED || intent == IncidentIntent.RESOLVED) {
                    IncidentRecordValue v = (IncidentRecordValue) record.getValue();
                    Instance instance = instance(v.getProcessInstanceKey());
                    if (instance.processId == null) {
                        instance.processId = v.getBpmnProcessId();
                    }
                    emit(instance, base(EntryKind.INCIDENT, at, instance).element(v.getElementId())
                            .outcome(intent == IncidentIntent.CREATED ? "CREATED" : "RESOLVED")
                            .reason(v.getErrorType() == null ? null : v.getErrorType().name())
                            .attribute("incidentKey", record.getKey())
                            .attribute("jobKey", v.getJobKey() > 0 ? v.getJobKey() : null)
                            .attribute("elementInstanceKey", v.getElementInstanceKey())
                            .personal("errorMessage", v.getErrorMessage()).build(), now);
                }
            }
            default -> {
                // other records are not evidence
            }
        }
    }

    /** The entries ready to be written, in order; releases instances that waited too long for their customer. */
    public List<EntryDraft> drainReady(Instant now) {
        for (Instance instance : instances.values()) {
            if (!instance.waiting.isEmpty() && instance.waitingSince != null
                    && !instance.waitingSince.plus(customerWait).isAfter(now)) {
                instance.withoutCustomer = true;
                release(instance);
            }
        }
        List<EntryDraft> out = ready.stream().map(p -> complete(p.instance(), p.draft())).toList();
        ready.clear();
        return out;
    }

    /** Instances being tracked (running, or ended but not yet drained). */
    public int trackedInstances() {
        return instances.size();
    }

    private void variable(VariableRecordValue v) {
        if (v.getScopeKey() != v.getProcessInstanceKey()) {
            return;
        }
        boolean customer = customerVariable.equals(v.getName());
        boolean campaign = campaignVariable.equals(v.getName());
        if (!customer && !campaign) {
            return;
        }
        Instance instance = instance(v.getProcessInstanceKey());
        if (instance.processId == null) {
            instance.processId = v.getBpmnProcessId();
        }
        String value = text(v.getValue());
        if (campaign) {
            instance.campaignId = value;
        }
        if (customer && value != null && instance.customerId == null && !instance.withoutCustomer) {
            instance.customerId = value;
            release(instance);
        }
    }

    private void processInstance(Record<?> record, ProcessInstanceRecordValue v, Intent intent, Instant at, Instant now) {
        if (intent != ProcessInstanceIntent.ELEMENT_ACTIVATED && intent != ProcessInstanceIntent.ELEMENT_COMPLETED
                && intent != ProcessInstanceIntent.ELEMENT_TERMINATED) {
            return;
        }
        BpmnElementType type = v.getBpmnElementType();
        if (type == BpmnElementType.SEQUENCE_FLOW) {
            return;
        }
        Instance instance = instance(v.getProcessInstanceKey());
        instance.processId = v.getBpmnProcessId();
        instance.version = v.getVersion();
        String state = intent == ProcessInstanceIntent.ELEMENT_ACTIVATED ? "ACTIVATED"
                : intent == ProcessInstanceIntent.ELEMENT_COMPLETED ? "COMPLETED" : "TERMINATED";
        if (type == BpmnElementType.PROCESS) {
            if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                emit(instance, base(EntryKind.JOURNEY_STARTED, at, instance).element(v.getElementId()).outcome("STARTED")
                        .attribute("processDefinitionKey", v.getProcessDefinitionKey())
                        .attribute("parentProcessInstanceKey", v.getParentProcessInstanceKey() > 0 ? v.getParentProcessInstanceKey() : null)
                        .build(), now);
            } else {
                emit(instance, base(EntryKind.JOURNEY_ENDED, at, instance).element(v.getElementId()).outcome(state).build(), now);
                instance.withoutCustomer = instance.customerId == null;
                release(instance);
                instances.remove(instance.key);
            }
            return;
        }
        if (steps) {
            emit(instance, base(EntryKind.JOURNEY_STEP, at, instance).element(v.getElementId()).outcome(state)
                    .attribute("elementType", type == null ? null : type.name())
                    .attribute("elementInstanceKey", record.getKey()).build(), now);
        }
    }

    private EntryDraft.Builder base(EntryKind kind, Instant at, Instance instance) {
        return EntryDraft.builder(kind, at).customer(instance.customerId)
                .journey(instance.processId, instance.version, instance.key)
                .attribute(TouchpointEventMapping.ENGINE_ATTRIBUTE, engine.isEmpty() ? null : engine);
    }

    private void emit(Instance instance, EntryDraft draft, Instant now) {
        if (instance.customerId != null || instance.withoutCustomer) {
            ready.add(new Pending(instance, draft));
            return;
        }
        if (instance.waiting.isEmpty()) {
            instance.waitingSince = now;
        }
        instance.waiting.add(draft);
    }

    /** Moves an instance's waiting drafts to the ready list, with its customer (or without, when given up). */
    private void release(Instance instance) {
        for (Iterator<EntryDraft> it = instance.waiting.iterator(); it.hasNext(); ) {
            ready.add(new Pending(instance, it.next()));
            it.remove();
        }
        instance.waitingSince = null;
    }

    private EntryDraft complete(Instance instance, EntryDraft draft) {
        EntryDraft done = draft;
        if (instance.customerId != null && draft.customerId() == null) {
            done = done.withCustomer(instance.customerId);
        }
        if (draft.kind() == EntryKind.JOURNEY_STARTED && instance.campaignId != null) {
            done = done.withAttribute(ChainAppender.CAMPAIGN_ID, instance.campaignId);
        }
        if (done.processVersion() == null && instance.version != null) {
            done = done.withJourney(instance.processId, instance.version);
        }
        return done;
    }

    private Instance instance(long key) {
        return instances.computeIfAbsent(key, Instance::new);
    }

    private static String text(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isNull() || node.isContainerNode()) {
                return null;
            }
            String text = node.asText();
            return text.isBlank() ? null : text;
        } catch (IOException e) {
            return null;
        }
    }
}
