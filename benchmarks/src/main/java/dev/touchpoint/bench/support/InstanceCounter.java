package dev.touchpoint.bench.support;

import dev.touchpoint.engine.EngineRuntime;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.MessageRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the embedded engine's record stream, only the records appended since the last look (every 200 ms on its own
 * thread, or now on request), and counts per BPMN process id the instances started and completed. On request it also
 * follows
 * <ul>
 *   <li>the event-based gateways activated per process ({@link #waitingAtGateways}); and</li>
 *   <li>the instances of a process per value of one of their root-scope variables ({@link #track}), e.g. per
 *       {@code customerId}: how many instances each value has, the first one's key and when it was created; and</li>
 *   <li>the messages of a name published per message id ({@link #trackMessages}).</li>
 * </ul>
 * A remote engine has no record stream here: then {@link #available()} is false and callers count elsewhere.
 */
public final class InstanceCounter implements AutoCloseable {

    /** The instances of a tracked process that carry one value of the tracked variable. */
    public record Starts(int instances, long firstInstanceKey, long firstCreatedAtMillis) {
        Starts plus(Starts other) {
            return new Starts(instances + other.instances, firstInstanceKey, firstCreatedAtMillis);
        }
    }

    private final Optional<EngineRuntime.Cursor> stream;
    private final Map<String, AtomicLong> started = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> completed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gateways = new ConcurrentHashMap<>();
    private final Map<String, String> trackedVariable = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Starts>> starts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> published = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private volatile boolean open = true;
    private int next;

    public InstanceCounter(EngineRuntime engine) {
        this.stream = engine.records().map(records -> records.cursor("bench-instance-counter"));
        if (stream.isPresent()) {
            Thread.ofPlatform().daemon().name("bench-instance-counter").start(this::loop);
        }
    }

    public boolean available() {
        return stream.isPresent();
    }

    /**
     * From now on, counts the instances of {@code processId} per value of their root-scope variable {@code variable}
     * (a string value is kept without its JSON quotes). Call before the instances are created.
     */
    public void track(String processId, String variable) {
        starts.putIfAbsent(processId, new ConcurrentHashMap<>());
        trackedVariable.put(processId, variable);
    }

    /** From now on, counts the messages named {@code messageName} published per message id. */
    public void trackMessages(String messageName) {
        published.putIfAbsent(messageName, new ConcurrentHashMap<>());
    }

    /** Reads the records appended since the last look, now. */
    public void refresh() {
        if (stream.isPresent()) {
            synchronized (this) {
                scan();
            }
        }
    }

    /** Instances of {@code processId} completed so far (scans now). */
    public long completed(String processId) {
        refresh();
        return value(completed, processId);
    }

    /** Instances of {@code processId} created so far (scans now). */
    public long started(String processId) {
        refresh();
        return value(started, processId);
    }

    /**
     * Event-based gateways of {@code processId} activated so far (scans now): instances that reached a wait for one of
     * several events (the {@code welcome} journey's wait for {@code app.installed} or its timer).
     */
    public long waitingAtGateways(String processId) {
        refresh();
        return value(gateways, processId);
    }

    /** Records the engine has written so far (scans now): engine work per instance = delta / instances. */
    public long records() {
        refresh();
        return records.get();
    }

    /** The tracked instances of {@code processId} with this variable value, as of the last scan (null: none). */
    public Starts starts(String processId, String value) {
        Map<String, Starts> byValue = starts.get(processId);
        return byValue == null ? null : byValue.get(value);
    }

    /** The distinct values of the tracked variable seen in instances of {@code processId}, as of the last scan. */
    public int trackedValues(String processId) {
        Map<String, Starts> byValue = starts.get(processId);
        return byValue == null ? 0 : byValue.size();
    }

    /** How often a message of {@code messageName} with {@code messageId} was published, as of the last scan. */
    public int published(String messageName, String messageId) {
        Map<String, Integer> byId = published.get(messageName);
        return byId == null ? 0 : byId.getOrDefault(messageId, 0);
    }

    private static long value(Map<String, AtomicLong> counts, String processId) {
        AtomicLong count = counts.get(processId);
        return count == null ? 0 : count.get();
    }

    private void loop() {
        while (open) {
            synchronized (this) {
                scan();
            }
            try {
                Thread.sleep(200); // polling interval of the record stream
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void scan() {
        EngineRuntime.Cursor cursor = stream.orElseThrow();
        for (List<Record<?>> batch = cursor.next(5_000); !batch.isEmpty(); batch = cursor.next(5_000)) {
            batch.forEach(this::count);
        }
    }

    private void count(Record<?> record) {
        records.incrementAndGet();
        if (record.getRecordType() != RecordType.EVENT) {
            return;
        }
        if (record.getValueType() == ValueType.PROCESS_INSTANCE
                && record.getValue() instanceof ProcessInstanceRecordValue value
                && value.getBpmnElementType() == BpmnElementType.PROCESS) {
            if (record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                started.computeIfAbsent(value.getBpmnProcessId(), id -> new AtomicLong()).incrementAndGet();
            } else if (record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED) {
                completed.computeIfAbsent(value.getBpmnProcessId(), id -> new AtomicLong()).incrementAndGet();
            }
        } else if (record.getValueType() == ValueType.PROCESS_INSTANCE
                && record.getValue() instanceof ProcessInstanceRecordValue value
                && value.getBpmnElementType() == BpmnElementType.EVENT_BASED_GATEWAY
                && record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
            gateways.computeIfAbsent(value.getBpmnProcessId(), id -> new AtomicLong()).incrementAndGet();
        } else if (!trackedVariable.isEmpty() && record.getValueType() == ValueType.VARIABLE
                && record.getIntent() == VariableIntent.CREATED && record.getValue() instanceof VariableRecordValue variable
                && variable.getScopeKey() == variable.getProcessInstanceKey()
                && variable.getName().equals(trackedVariable.get(variable.getBpmnProcessId()))) {
            starts.get(variable.getBpmnProcessId()).merge(unquote(variable.getValue()),
                    new Starts(1, variable.getProcessInstanceKey(), record.getTimestamp()), Starts::plus);
        } else if (!published.isEmpty() && record.getValueType() == ValueType.MESSAGE
                && record.getIntent() == MessageIntent.PUBLISHED && record.getValue() instanceof MessageRecordValue message) {
            Map<String, Integer> byId = published.get(message.getName());
            if (byId != null) {
                byId.merge(message.getMessageId(), 1, Integer::sum);
            }
        }
    }

    /** A JSON string value without its quotes (the ids used here need no unescaping); other JSON as it is. */
    static String unquote(String json) {
        return json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"") ? json.substring(1, json.length() - 1) : json;
    }

    @Override
    public void close() {
        open = false;
        synchronized (this) {
            stream.ifPresent(EngineRuntime.Cursor::close);
        }
    }
}
