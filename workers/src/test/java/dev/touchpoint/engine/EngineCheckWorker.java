package dev.touchpoint.engine;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A job worker registered through the Camunda starter exactly as Touchpoint's own workers are, for the engine
 * connection tests. Imported explicitly by the tests that need it (not component-scanned).
 */
public class EngineCheckWorker {

    public static final String TYPE = "touchpoint.test.engine-check";

    private final ConcurrentLinkedQueue<Long> handledInstances = new ConcurrentLinkedQueue<>();

    @JobWorker(type = TYPE)
    public Map<String, Object> handle(ActivatedJob job) {
        handledInstances.add(job.getProcessInstanceKey());
        return Map.of("checkedBy", "engine-check-worker");
    }

    public boolean handled(long processInstanceKey) {
        return handledInstances.contains(processInstanceKey);
    }
}
