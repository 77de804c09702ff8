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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates instances with the Camunda client; finds earlier ones from the embedded engine's records (the
 * {@code campaignId} and {@code customerId} variables created in the instance's root scope).
 *
 * <p>The engine keeps only a bounded window of records (issue 16.7), so this keeps its own index, fed by a
 * subscription from the engine's start: the root instances running now with their campaign and customer, the most
 * recent {@value #COMPLETED_KEPT} campaign instances that ended (a start left PENDING by a crash is settled within a
 * launcher round or two, long before), and per campaign how many of its instances ended.
 */
public class ZeebeInstanceStarter implements InstanceStarter {

    /** Ended campaign instances remembered for {@link #find}. */
    static final int COMPLETED_KEPT = 100_000;

    private final CamundaClient client;
    private final EngineRuntime engine;
    private EngineRuntime.Subscription subscription;
    /** Root instances running now: what their variables said so far. */
    private final Map<Long, Root> running = new HashMap<>();
    /** processId, campaignId, customerId to instance key: running ones and the most recent ended ones. */
    private final Map<String, Long> byCustomer = new HashMap<>();
    private final LinkedHashMap<String, Long> ended = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            if (size() > COMPLETED_KEPT) {
                byCustomer.remove(eldest.getKey(), eldest.getValue());
                return true;
            }
            return false;
        }
    };
    private final Map<String, Long> endedPerCampaign = new HashMap<>();

    private static final class Root {
        String processId;
        String campaignId;
        String customerId;

        String index() {
            return campaignId == null || customerId == null || processId == null ? null
                    : processId + '\u0000' + campaignId + '\u0000' + customerId;
        }
    }

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
        catchUp().orElseThrow(() ->
                new UnsupportedOperationException("the engine's record stream is not readable from this process"));
        synchronized (this) {
            return Optional.ofNullable(byCustomer.get(processId + '\u0000' + campaignId + '\u0000' + customerId));
        }
    }

    @Override
    public Optional<Long> countCompleted(String campaignId) {
        if (catchUp().isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            return Optional.of(endedPerCampaign.getOrDefault(campaignId, 0L));
        }
    }

    /** Brings the index up to date with every record written so far; empty when the engine's records are not readable. */
    private Optional<EngineRuntime.Subscription> catchUp() {
        EngineRuntime.Subscription current;
        synchronized (this) {
            if (subscription == null) {
                subscription = engine.records().map(stream -> stream.subscribe("campaign-instances", this::accept)).orElse(null);
            }
            current = subscription;
        }
        if (current != null) {
            current.catchUp();
        }
        return Optional.ofNullable(current);
    }

    /** Starts following the engine's records (at start-up, so that the index sees every instance). */
    public void follow() {
        catchUp();
    }

    private synchronized void accept(Record<?> record) {
        if (record.getRecordType() != RecordType.EVENT) {
            return;
        }
        if (record.getValueType() == ValueType.VARIABLE && record.getIntent() == VariableIntent.CREATED
                && record.getValue() instanceof VariableRecordValue v && v.getScopeKey() == v.getProcessInstanceKey()
                && (v.getName().equals("campaignId") || v.getName().equals("customerId"))) {
            Root root = running.computeIfAbsent(v.getProcessInstanceKey(), k -> new Root());
            root.processId = v.getBpmnProcessId();
            String value = unquote(v.getValue());
            if (v.getName().equals("campaignId")) {
                root.campaignId = value;
            } else {
                root.customerId = value;
            }
            String index = root.index();
            if (index != null) {
                byCustomer.put(index, v.getProcessInstanceKey());
            }
        } else if (record.getValueType() == ValueType.PROCESS_INSTANCE
                && (record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED || record.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED)
                && record.getValue() instanceof ProcessInstanceRecordValue value && value.getBpmnElementType() == BpmnElementType.PROCESS) {
            Root root = running.remove(value.getProcessInstanceKey());
            if (root != null && root.campaignId != null) {
                endedPerCampaign.merge(root.campaignId, 1L, Long::sum);
                String index = root.index();
                if (index != null) {
                    ended.put(index, value.getProcessInstanceKey());
                }
            }
        }
    }

    /** A JSON string's content (campaign and customer ids are plain strings); anything else as written. */
    private static String unquote(String json) {
        return json != null && json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"") && json.indexOf('\\') < 0
                ? json.substring(1, json.length() - 1) : json;
    }
}
