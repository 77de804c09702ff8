package dev.touchpoint.campaign.internal;

import dev.touchpoint.engine.EngineRuntime;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates instances with the Camunda client; finds earlier ones in the embedded engine's record stream (the
 * {@code campaignId} and {@code customerId} variables created in the instance's root scope).
 */
public class ZeebeInstanceStarter implements InstanceStarter {

    private final CamundaClient client;
    private final EngineRuntime engine;

    public ZeebeInstanceStarter(CamundaClient client, EngineRuntime engine) {
        this.client = client;
        this.engine = engine;
    }

    @Override
    public long start(String processId, Map<String, Object> variables) {
        try {
            return client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion().variables(variables)
                    .send().join().getProcessInstanceKey();
        } catch (ClientStatusException e) {
            switch (e.getStatusCode()) {
                case RESOURCE_EXHAUSTED, UNAVAILABLE, DEADLINE_EXCEEDED -> throw new EngineBusy("engine answered " + e.getStatusCode(), e);
                default -> throw e;
            }
        }
    }

    @Override
    public Optional<Long> find(String processId, String campaignId, String customerId) {
        EngineRuntime.RecordStream stream = engine.records().orElseThrow(() ->
                new UnsupportedOperationException("the engine's record stream is not readable from this process"));
        String campaignJson = "\"" + campaignId + "\"";
        String customerJson = "\"" + customerId + "\"";
        Map<Long, Integer> seen = new HashMap<>();
        for (Record<?> record : stream.all()) {
            if (record.getRecordType() != RecordType.EVENT || record.getValueType() != ValueType.VARIABLE
                    || record.getIntent() != VariableIntent.CREATED) {
                continue;
            }
            VariableRecordValue v = (VariableRecordValue) record.getValue();
            if (v.getScopeKey() != v.getProcessInstanceKey() || !v.getBpmnProcessId().equals(processId)) {
                continue;
            }
            int bit = v.getName().equals("campaignId") && v.getValue().equals(campaignJson) ? 1
                    : v.getName().equals("customerId") && v.getValue().equals(customerJson) ? 2 : 0;
            if (bit != 0 && seen.merge(v.getProcessInstanceKey(), bit, (a, b) -> a | b) == 3) {
                return Optional.of(v.getProcessInstanceKey());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Long> countCompleted(Collection<Long> keys) {
        if (engine.records().isEmpty()) {
            return Optional.empty();
        }
        Set<Long> wanted = new HashSet<>(keys);
        long completed = 0;
        for (Record<?> record : engine.records().get().all()) {
            if (record.getRecordType() == RecordType.EVENT && record.getValueType() == ValueType.PROCESS_INSTANCE
                    && (record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED || record.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED)) {
                ProcessInstanceRecordValue value = (ProcessInstanceRecordValue) record.getValue();
                if (value.getBpmnElementType() == BpmnElementType.PROCESS && wanted.contains(value.getProcessInstanceKey())) {
                    completed++;
                }
            }
        }
        return Optional.of(completed);
    }
}
