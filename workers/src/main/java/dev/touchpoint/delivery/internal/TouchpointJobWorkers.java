package dev.touchpoint.delivery.internal;

import static dev.touchpoint.tasks.TaskNames.Inputs.CUSTOMER_ID;
import static dev.touchpoint.tasks.TaskNames.Inputs.KIOSK_ID;
import static dev.touchpoint.tasks.TaskNames.Inputs.LOOP_COUNTER;
import static dev.touchpoint.tasks.TaskNames.Inputs.RESTARTED_FROM;
import static dev.touchpoint.tasks.TaskNames.Inputs.STORE_ID;
import static dev.touchpoint.tasks.TaskNames.Inputs.TEMPLATE_VARIABLES;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.delivery.internal.TaskSettings.OnSuppressed;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Deferred;
import dev.touchpoint.delivery.internal.TouchpointOutcome.InProgress;
import dev.touchpoint.delivery.internal.TouchpointOutcome.RetryLater;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Sent;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Suppressed;
import dev.touchpoint.delivery.internal.TouchpointOutcome.Undeliverable;
import dev.touchpoint.tasks.TaskNames.Errors;
import dev.touchpoint.tasks.TaskNames.Outputs;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The touchpoint job workers. Each task type runs the same {@link TouchpointPipeline}; this class only translates its
 * outcome into the engine's terms:
 *
 * <ul>
 *   <li>sent: complete with the result variable ({@code touchpoint} unless the task says otherwise);</li>
 *   <li>suppressed: complete with status SUPPRESSED, or throw {@code TOUCHPOINT_SUPPRESSED} when the task's
 *       {@code onSuppressed} header is {@code error} (the journey lint requires a boundary event to catch it);</li>
 *   <li>deferred (quiet hours): fail with a backoff up to the allowed time, retries unchanged (ADR-0009);</li>
 *   <li>in progress (another activation of the same job is still calling the provider): fail with a backoff up to
 *       that attempt's deadline, retries unchanged (ADR-0022);</li>
 *   <li>undeliverable: throw {@code TOUCHPOINT_UNDELIVERABLE} so the diagram can fall back to another channel;</li>
 *   <li>retryable provider failure: fail with retries - 1 and an exponential backoff honouring Retry-After; at zero
 *       retries the incident names customer id, channel and vendor error, never personal data;</li>
 *   <li>a task or provider that is misconfigured: fail with zero retries, so an incident says what to fix.</li>
 * </ul>
 */
public class TouchpointJobWorkers {

    private static final Logger log = LoggerFactory.getLogger(TouchpointJobWorkers.class);

    private final TouchpointPipeline pipeline;
    private final Clock clock;
    private final java.util.function.Supplier<String> engine;

    public TouchpointJobWorkers(TouchpointPipeline pipeline, Clock clock) {
        this(pipeline, clock, () -> "");
    }

    /** @param engine the engine's incarnation, part of every idempotency key ({@link dev.touchpoint.engine.EngineRuntime#identity()}) */
    public TouchpointJobWorkers(TouchpointPipeline pipeline, Clock clock, java.util.function.Supplier<String> engine) {
        this.pipeline = pipeline;
        this.clock = clock;
        this.engine = engine;
    }

    @JobWorker(type = Types.EMAIL_SEND, fetchVariables = {CUSTOMER_ID, TEMPLATE_VARIABLES, LOOP_COUNTER, RESTARTED_FROM})
    public Map<String, Object> sendEmail(ActivatedJob job, @VariablesAsType TouchpointVariables variables) {
        return handle(job, variables, Channel.EMAIL);
    }

    @JobWorker(type = Types.SMS_SEND, fetchVariables = {CUSTOMER_ID, TEMPLATE_VARIABLES, LOOP_COUNTER, RESTARTED_FROM})
    public Map<String, Object> sendSms(ActivatedJob job, @VariablesAsType TouchpointVariables variables) {
        return handle(job, variables, Channel.SMS);
    }

    @JobWorker(type = Types.PUSH_SEND, fetchVariables = {CUSTOMER_ID, TEMPLATE_VARIABLES, LOOP_COUNTER, RESTARTED_FROM})
    public Map<String, Object> sendPush(ActivatedJob job, @VariablesAsType TouchpointVariables variables) {
        return handle(job, variables, Channel.PUSH);
    }

    @JobWorker(type = Types.KIOSK_SHOW,
            fetchVariables = {CUSTOMER_ID, TEMPLATE_VARIABLES, STORE_ID, KIOSK_ID, LOOP_COUNTER, RESTARTED_FROM})
    public Map<String, Object> showOnKiosk(ActivatedJob job, @VariablesAsType TouchpointVariables variables) {
        return handle(job, variables, Channel.KIOSK);
    }

    @JobWorker(type = Types.BEST_CHANNEL_SEND,
            fetchVariables = {CUSTOMER_ID, TEMPLATE_VARIABLES, STORE_ID, KIOSK_ID, LOOP_COUNTER, RESTARTED_FROM})
    public Map<String, Object> sendOnBestChannel(ActivatedJob job, @VariablesAsType TouchpointVariables variables) {
        return handle(job, variables, null);
    }

    /** Runs the pipeline for {@code channel} (null: best channel) and translates the outcome. Public for crash tests. */
    public Map<String, Object> handle(ActivatedJob job, TouchpointVariables variables, Channel channel) {
        TouchpointJob touchpoint;
        TouchpointOutcome outcome;
        try {
            touchpoint = TouchpointJob.of(job, variables, engine.get());
            outcome = channel == null ? pipeline.runBestChannel(touchpoint) : pipeline.run(touchpoint, channel);
        } catch (TaskMisconfiguredException | ProviderMisconfiguredException e) {
            String message = "customer " + variables.customerId() + ", element '" + job.getElementId() + "': " + e.getMessage();
            log.error("Touchpoint job {} cannot run: {}", job.getKey(), message);
            throw CamundaError.jobError(message, null, 0, Duration.ZERO, e);
        } catch (ContextUnavailableException e) {
            throw CamundaError.jobError("customer " + variables.customerId() + ": customer context unavailable ("
                    + e.getMessage() + "); retrying", null, job.getRetries() - 1, Duration.ofSeconds(10), e);
        }
        return translate(job, touchpoint, outcome);
    }

    private Map<String, Object> translate(ActivatedJob job, TouchpointJob touchpoint, TouchpointOutcome outcome) {
        String resultVariable = touchpoint.settings().resultVariable();
        return switch (outcome) {
            case Sent sent -> Map.of(resultVariable, sent.result());
            case Suppressed suppressed -> {
                if (touchpoint.settings().onSuppressed() == OnSuppressed.ERROR) {
                    Map<String, Object> variables = new HashMap<>();
                    variables.put(Outputs.SUPPRESSED_REASON, suppressed.reason());
                    variables.put(resultVariable, suppressed.result());
                    throw CamundaError.bpmnError(Errors.SUPPRESSED,
                            "customer " + touchpoint.customerId() + ": touchpoint withheld (" + suppressed.reason() + ")", variables);
                }
                yield Map.of(resultVariable, suppressed.result());
            }
            case Deferred deferred -> {
                Duration wait = Duration.between(clock.instant(), deferred.until());
                throw CamundaError.jobError("customer " + touchpoint.customerId() + ": deferred until " + deferred.until()
                        + " (" + deferred.reason() + ")", null, job.getRetries(), wait.isNegative() ? Duration.ZERO : wait);
            }
            case Undeliverable undeliverable -> throw CamundaError.bpmnError(Errors.UNDELIVERABLE,
                    "customer " + touchpoint.customerId() + ": " + undeliverable.channel() + " undeliverable ("
                            + undeliverable.reason() + ")",
                    Map.of(Outputs.UNDELIVERABLE_REASON, undeliverable.reason()));
            case InProgress inProgress -> {
                Duration wait = Duration.between(clock.instant(), inProgress.until());
                throw CamundaError.jobError("customer " + touchpoint.customerId() + ": " + inProgress.channel()
                        + " delivery already in progress by " + inProgress.owner() + " (until " + inProgress.until() + ")",
                        null, job.getRetries(), wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
            }
            case RetryLater retry -> throw CamundaError.jobError("customer " + touchpoint.customerId() + ": "
                    + retry.channel() + " delivery failed: " + retry.detail(), null, job.getRetries() - 1, retry.backoff());
        };
    }
}
