package dev.touchpoint.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.touchpoint.TestClock;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How {@link ServiceDeskWorker} fails (ADR-0030 §5): an unreachable or busy desk is retried a minute later with one
 * retry fewer; a refusal or a misconfigured task fails without retries (an incident); the task id, the desk's
 * idempotency key, is the same on every activation of the element instance.
 */
class ServiceDeskWorkerTest {

    private final TestClock clock = new TestClock(Instant.parse("2031-03-04T10:15:30Z"));
    private final ScriptedDesk desk = new ScriptedDesk();
    private final ServiceDeskWorker worker = new ServiceDeskWorker(desk, clock, () -> "engine-a");

    @Test
    void anUnreachableDeskIsRetriedAMinuteLaterWithTheSameTaskIdUntilItOpens() {
        desk.next.add(new ServiceDesk.Unavailable("connection refused", null));
        desk.next.add(new ServiceDesk.Unavailable("503 Service Unavailable", null));

        assertThatThrownBy(() -> open(job(5, Map.of())))
                .isInstanceOfSatisfying(JobError.class, e -> {
                    assertThat(e.getRetries()).isEqualTo(4);
                    assertThat(e.getRetryBackoff()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(e.getErrorMessage()).contains("service-recovery:2", "create-agent-task", "connection refused");
                });
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> open(job(4, Map.of())))
                .isInstanceOfSatisfying(JobError.class, e -> assertThat(e.getRetries()).isEqualTo(3));
        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> result = open(job(3, Map.of()));

        assertThat(desk.received).extracting(ServiceDeskTask::taskId).containsOnly("sd-engine-a-2251799813685249-2251799813685300")
                .hasSize(3);
        assertThat(result).containsOnlyKeys("agentTask");
        assertThat(result.get("agentTask")).isEqualTo(Map.of("taskId", "sd-engine-a-2251799813685249-2251799813685300",
                "reference", "T-42", "queue", "customer-care", "status", "OPENED"));
    }

    @Test
    void theLastRetryOfAnUnreachableDeskLeavesNoneAnIncident() {
        desk.next.add(new ServiceDesk.Unavailable("timed out", null));
        assertThatThrownBy(() -> open(job(1, Map.of())))
                .isInstanceOfSatisfying(JobError.class, e -> assertThat(e.getRetries()).isZero());
    }

    @Test
    void aRefusalFailsWithoutRetries() {
        desk.next.add(new ServiceDesk.Refused("422 Unprocessable Entity"));
        assertThatThrownBy(() -> open(job(5, Map.of())))
                .isInstanceOfSatisfying(JobError.class, e -> {
                    assertThat(e.getRetries()).isZero();
                    assertThat(e.getRetryBackoff()).isEqualTo(Duration.ZERO);
                    assertThat(e.getErrorMessage()).contains("create-agent-task", "422");
                });
        assertThat(desk.received).hasSize(1);
    }

    @Test
    void aMisconfiguredTaskFailsWithoutRetriesAndNeverReachesTheDesk() {
        assertThatThrownBy(() -> open(job(5, Map.of("queue", "Customer Care"))))
                .isInstanceOfSatisfying(JobError.class, e -> {
                    assertThat(e.getRetries()).isZero();
                    assertThat(e.getErrorMessage()).contains("header 'queue'");
                });
        assertThatThrownBy(() -> open(job(5, Map.of("priority", "urgent"))))
                .isInstanceOfSatisfying(JobError.class, e -> assertThat(e.getRetries()).isZero());
        assertThatThrownBy(() -> worker.open(job(5, Map.of()), "c-1", " ", Map.of()))
                .isInstanceOfSatisfying(JobError.class, e -> {
                    assertThat(e.getRetries()).isZero();
                    assertThat(e.getErrorMessage()).contains("summary");
                });
        assertThat(desk.received).isEmpty();
    }

    private Map<String, Object> open(ActivatedJob job) {
        return worker.open(job, "c-1", "Low survey score: nps-survey 3 (nps), answered by email", Map.of("score", 3));
    }

    private static ActivatedJob job(int retries, Map<String, String> headers) {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getCustomHeaders()).thenReturn(headers);
        when(job.getBpmnProcessId()).thenReturn("service-recovery");
        when(job.getProcessDefinitionVersion()).thenReturn(2);
        when(job.getElementId()).thenReturn("create-agent-task");
        when(job.getProcessInstanceKey()).thenReturn(2251799813685249L);
        when(job.getElementInstanceKey()).thenReturn(2251799813685300L);
        when(job.getKey()).thenReturn(2251799813685400L + retries);
        when(job.getRetries()).thenReturn(retries);
        return job;
    }

    /** Throws what the test lines up, then opens (reference T-42); keeps every task it was given. */
    static final class ScriptedDesk implements ServiceDesk {
        final List<RuntimeException> next = new ArrayList<>();
        final List<ServiceDeskTask> received = new ArrayList<>();

        @Override
        public String open(ServiceDeskTask task) {
            received.add(task);
            if (!next.isEmpty()) {
                throw next.removeFirst();
            }
            return "T-42";
        }

        @Override
        public String describe() {
            return "the scripted desk";
        }
    }
}
