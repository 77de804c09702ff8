package dev.touchpoint.delivery.internal;

import dev.touchpoint.tasks.TaskNames.Inputs;
import io.camunda.client.api.response.ActivatedJob;

/**
 * One touchpoint job as the pipeline sees it: where it comes from in the engine, what the diagram asks for, and the
 * variables it carries.
 */
public record TouchpointJob(
        long jobKey,
        long processInstanceKey,
        long elementInstanceKey,
        String bpmnProcessId,
        int processDefinitionVersion,
        String elementId,
        int retries,
        TaskSettings settings,
        TouchpointVariables variables,
        String engine) {

    public TouchpointJob {
        engine = engine == null ? "" : engine;
    }

    /** A job of an engine without incarnation qualifier (see {@link dev.touchpoint.engine.EngineRuntime#identity()}). */
    public TouchpointJob(long jobKey, long processInstanceKey, long elementInstanceKey, String bpmnProcessId,
                         int processDefinitionVersion, String elementId, int retries, TaskSettings settings,
                         TouchpointVariables variables) {
        this(jobKey, processInstanceKey, elementInstanceKey, bpmnProcessId, processDefinitionVersion, elementId, retries,
                settings, variables, "");
    }

    public static TouchpointJob of(ActivatedJob job, TouchpointVariables variables) {
        return of(job, variables, "");
    }

    /** @param engine the engine's incarnation ({@link dev.touchpoint.engine.EngineRuntime#identity()}) */
    public static TouchpointJob of(ActivatedJob job, TouchpointVariables variables, String engine) {
        if (variables.customerId() == null || variables.customerId().isBlank()) {
            throw new TaskMisconfiguredException(Inputs.CUSTOMER_ID, null,
                    "is missing: map the customer id into the task's input 'customerId' (e.g. =customerId)");
        }
        return new TouchpointJob(job.getKey(), job.getProcessInstanceKey(), job.getElementInstanceKey(),
                job.getBpmnProcessId(), job.getProcessDefinitionVersion(), job.getElementId(), job.getRetries(),
                TaskSettings.parse(job.getCustomHeaders()), variables, engine);
    }

    public String customerId() {
        return variables.customerId();
    }

    /**
     * The key of this touchpoint's side effect: the same for every activation of this element instance (a timed-out
     * job, a retry, another worker), different for every element instance and multi-instance iteration, and for every
     * incarnation of the engine: {@code tp-<engine>-<instance>-<element>} (ADR-0022), {@code tp-<instance>-<element>}
     * when the engine has no identity.
     */
    public String idempotencyKey() {
        String key = "tp-" + (engine.isEmpty() ? "" : engine + "-") + processInstanceKey + "-" + elementInstanceKey;
        return variables.loopCounter() == null ? key : key + "-" + variables.loopCounter();
    }

    /** {@code welcome:3}: the journey and its deployed version, as recorded with every decision. */
    public String journey() {
        return bpmnProcessId + ":" + processDefinitionVersion;
    }

    /** Where in which journey, for messages that a designer or operator reads. */
    public String where() {
        return "journey " + journey() + ", element '" + elementId + "', customer " + customerId();
    }
}
