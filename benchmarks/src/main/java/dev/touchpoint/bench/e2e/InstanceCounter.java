package dev.touchpoint.bench.e2e;

import dev.touchpoint.engine.EngineRuntime;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts completed process instances per BPMN process id from the embedded engine's record stream, reading only the
 * records appended since the last look (every 200 ms on its own thread). A remote engine has no record stream here:
 * then {@link #available()} is false and callers count journeys at the providers instead.
 */
final class InstanceCounter implements AutoCloseable {

    private final Optional<EngineRuntime.RecordStream> stream;
    private final Map<String, AtomicLong> completed = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private volatile boolean open = true;
    private int next;

    InstanceCounter(EngineRuntime engine) {
        this.stream = engine.records();
        if (stream.isPresent()) {
            Thread.ofPlatform().daemon().name("bench-instance-counter").start(this::loop);
        }
    }

    boolean available() {
        return stream.isPresent();
    }

    /** Instances of {@code processId} completed so far (as of the last scan, at most 200 ms old; scans once more now). */
    long completed(String processId) {
        if (stream.isPresent()) {
            synchronized (this) {
                scan();
            }
        }
        AtomicLong count = completed.get(processId);
        return count == null ? 0 : count.get();
    }

    /** Records the engine has written so far (as of a scan now): engine work per instance = delta / instances. */
    long records() {
        if (stream.isPresent()) {
            synchronized (this) {
                scan();
            }
        }
        return records.get();
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
        Iterable<Record<?>> all = stream.orElseThrow().all();
        if (all instanceof List<Record<?>> list) {
            int size = list.size();
            for (int i = next; i < size; i++) {
                count(list.get(i));
            }
            next = Math.max(next, size);
        } else {
            int index = 0;
            try {
                for (Record<?> record : all) {
                    if (index++ >= next) {
                        count(record);
                        next = index;
                    }
                }
            } catch (ConcurrentModificationException e) {
                // appended while iterating: the rest comes with the next scan
            }
        }
    }

    private void count(Record<?> record) {
        records.incrementAndGet();
        if (record.getRecordType() == RecordType.EVENT && record.getValueType() == ValueType.PROCESS_INSTANCE
                && record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                && record.getValue() instanceof ProcessInstanceRecordValue value
                && value.getBpmnElementType() == BpmnElementType.PROCESS) {
            completed.computeIfAbsent(value.getBpmnProcessId(), id -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void close() {
        open = false;
    }
}
