package dev.touchpoint.servicedesk;

import dev.touchpoint.tasks.TaskNames.Headers;
import dev.touchpoint.tasks.TaskNames.Inputs;
import dev.touchpoint.tasks.TaskNames.Outputs;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code touchpoint.service-desk.task}: opens a follow-up task for a service agent and completes at once (the journey
 * does not wait for the agent). Inputs {@code customerId}, {@code summary}, {@code details} (a context); headers
 * {@code queue}, {@code priority}, {@code resultVariable} (default {@code agentTask}). Result
 * {@code {taskId, reference, queue, status: "OPENED"}}.
 *
 * <p>The task id is {@code sd-<engine>-<instance>-<element instance>}: the same for every activation of the element
 * instance, so a retry or a second worker sends the same {@code Idempotency-Key}. An unreachable or busy desk is
 * retried a minute later while the job has retries; a refusal or a misconfigured task fails without retries (an
 * incident naming the element, for an operator).
 */
public class ServiceDeskWorker {

    public static final String TYPE = Types.SERVICE_DESK_TASK;
    public static final String DEFAULT_RESULT_VARIABLE = Outputs.SERVICE_DESK_RESULT_VARIABLE;
    /** The task headers it reads. */
    public static final Set<String> HEADERS = Set.of(Headers.QUEUE, Headers.PRIORITY, Headers.RESULT_VARIABLE);
    static final Duration RETRY_BACKOFF = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ServiceDeskWorker.class);
    private static final Pattern QUEUE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");
    private static final int SUMMARY_MAX = 200;

    private final ServiceDesk desk;
    private final Clock clock;
    private final Supplier<String> engine;

    public ServiceDeskWorker(ServiceDesk desk, Clock clock, Supplier<String> engine) {
        this.desk = desk;
        this.clock = clock;
        this.engine = engine;
    }

    @JobWorker(type = TYPE, fetchVariables = {Inputs.CUSTOMER_ID, Inputs.SUMMARY, Inputs.DETAILS})
    public Map<String, Object> open(ActivatedJob job, @Variable(name = Inputs.CUSTOMER_ID) String customerId,
                                    @Variable(name = Inputs.SUMMARY) String summary,
                                    @Variable(name = Inputs.DETAILS) Map<String, Object> details) {
        String where = "journey " + job.getBpmnProcessId() + ":" + job.getProcessDefinitionVersion() + ", element '"
                + job.getElementId() + "'";
        Map<String, String> headers = job.getCustomHeaders();
        String queue = headers.getOrDefault(Headers.QUEUE, "customer-care").strip();
        String priority = headers.getOrDefault(Headers.PRIORITY, "normal").strip();
        String resultVariable = headers.getOrDefault(Headers.RESULT_VARIABLE, "").strip();
        resultVariable = resultVariable.isEmpty() ? DEFAULT_RESULT_VARIABLE : resultVariable;
        String problem = customerId == null || customerId.isBlank() ? "needs the input 'customerId' (e.g. =customerId)"
                : summary == null || summary.isBlank() ? "needs the input 'summary' (one line for the agent)"
                : !QUEUE.matcher(queue).matches() ? "header 'queue' must be lower-case letters, digits and dashes"
                : !PRIORITIES.contains(priority) ? "header 'priority' must be low, normal or high"
                : !NAME.matcher(resultVariable).matches() ? "header 'resultVariable' must be a variable name" : null;
        if (problem != null) {
            log.error("Service desk job {} cannot run: {}: {}", job.getKey(), where, problem);
            throw CamundaError.jobError(where + ": " + problem, null, 0, Duration.ZERO);
        }
        String oneLine = summary.replaceAll("[\\r\\n\\t]+", " ").strip();
        oneLine = oneLine.length() <= SUMMARY_MAX ? oneLine : oneLine.substring(0, SUMMARY_MAX - 1) + "…";
        String identity = engine.get();
        String taskId = "sd-" + (identity == null || identity.isEmpty() ? "" : identity + "-")
                + job.getProcessInstanceKey() + "-" + job.getElementInstanceKey();
        ServiceDeskTask task = new ServiceDeskTask(taskId, queue, priority, customerId, oneLine,
                details == null ? Map.of() : details, job.getBpmnProcessId() + ":" + job.getProcessDefinitionVersion(),
                job.getProcessInstanceKey(), clock.instant());
        String reference;
        try {
            reference = desk.open(task);
        } catch (ServiceDesk.Unavailable e) {
            int retries = Math.max(0, job.getRetries() - 1);
            log.warn("Service desk task {} for customer {} ({}): {}; {} retries left", taskId, customerId, where,
                    e.getMessage(), retries);
            throw CamundaError.jobError(where + ": " + e.getMessage(), null, retries, RETRY_BACKOFF, e);
        } catch (ServiceDesk.Refused e) {
            log.error("Service desk task {} for customer {} ({}): {}", taskId, customerId, where, e.getMessage());
            throw CamundaError.jobError(where + ": " + e.getMessage(), null, 0, Duration.ZERO, e);
        }
        log.info("Service desk task {} for customer {} opened on {} (queue {}, {})", taskId, customerId, desk.describe(),
                queue, job.getBpmnProcessId());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("taskId", taskId);
        result.put("reference", reference);
        result.put("queue", queue);
        result.put("status", "OPENED");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(resultVariable, result);
        return variables;
    }
}
