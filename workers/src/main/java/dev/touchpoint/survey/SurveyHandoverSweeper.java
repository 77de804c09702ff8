package dev.touchpoint.survey;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweeper of the survey answer outbox (V19, ADR-0030 §3): every {@code interval}, the answers stored longer ago
 * than {@code grace} whose hand-over is not done (the engine was busy, the ledger could not write, the process died
 * after storing the answer) are handed over again by {@link SurveyAnswers}, oldest first, at most {@code batch} a round.
 * The grace keeps it from racing the request that is still handing its answer over. Safe with several instances: each
 * row is claimed with a conditional update (the claim also spaces the retries of a row that keeps failing by
 * {@code grace}), and every step is idempotent anyway (ledger entry looked up by kind and key, ingress keys
 * {@code survey:<invitation>} / {@code survey-low:<invitation>}, service desk task {@code sd-survey-<invitation>}).
 *
 * <p>Gauge {@code touchpoint.surveys.handover.pending}: stored answers not handed over (a few for longer than two
 * intervals means the engine, the ledger or the context keeps refusing: see the warnings).
 */
public final class SurveyHandoverSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SurveyHandoverSweeper.class);

    private final SurveyInvitations invitations;
    private final SurveyAnswers answers;
    private final Clock clock;
    private final Duration grace;
    private final int batch;
    private final AtomicLong pending = new AtomicLong();
    private final ScheduledExecutorService scheduler;

    /** @param interval zero: not scheduled (tests call {@link #sweep()}) */
    public SurveyHandoverSweeper(SurveyInvitations invitations, SurveyAnswers answers, Clock clock, Duration interval,
                                 Duration grace, int batch, MeterRegistry meters) {
        this.invitations = invitations;
        this.answers = answers;
        this.clock = clock;
        this.grace = grace;
        this.batch = Math.max(1, batch);
        if (meters != null) {
            Gauge.builder("touchpoint.surveys.handover.pending", pending, AtomicLong::get)
                    .description("survey answers stored whose ledger evidence, context or engine events are waiting"
                            + " for the sweeper").register(meters);
        }
        if (interval.isZero()) {
            this.scheduler = null;
            return;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "survey-handover-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::sweepSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Survey hand-over sweeper: round failed, retried next interval: {}", e.toString());
        }
    }

    /** One round; returns how many answers it handed over. */
    public synchronized int sweep() {
        Instant now = clock.instant();
        int handed = 0;
        for (SurveyInvitations.Invitation invitation : invitations.handoverDue(now.minus(grace), now, batch)) {
            if (!invitations.claimHandover(invitation.id(), now, now.plus(grace))) {
                continue; // another instance has it, or it was handed over meanwhile
            }
            try {
                if (answers.handOver(invitation)) {
                    handed++;
                    log.info("Survey {} of customer {}: answer of {} handed over by the sweeper", invitation.id(),
                            invitation.customerId(), invitation.answeredAt());
                }
            } catch (RuntimeException e) {
                log.warn("Survey {} of customer {}: hand-over failed again, retried after {} ({})", invitation.id(),
                        invitation.customerId(), grace, e.toString());
            }
        }
        pending.set(invitations.handoverPending());
        return handed;
    }

    /** Stored answers not handed over, as of the last round. */
    public long pending() {
        return pending.get();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
