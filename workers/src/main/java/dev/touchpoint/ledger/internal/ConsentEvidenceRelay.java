package dev.touchpoint.ledger.internal;

import dev.touchpoint.context.ConsentEvidence;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of the consent evidence outbox ({@link ConsentEvidence}): a consent change whose ledger entry could not be
 * written when it was applied (the ledger was down, the request died) stays in the outbox; this relay appends it.
 * A row is relayed when it was already pending in the previous pass, so a request still recording its own change
 * is never raced, and the entry is keyed by the change's evidence key, so it is never recorded twice.
 *
 * <p>Gauge {@code touchpoint.ledger.consent.evidence.pending}: rows waiting (more than a few for longer than two
 * intervals means the ledger cannot write; see the operator guide).
 */
public final class ConsentEvidenceRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsentEvidenceRelay.class);

    private final ConsentEvidence.Outbox outbox;
    private final EvidenceRecorder recorder;
    private final LedgerProperties.ConsentEvidenceRelaySettings settings;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong pending = new AtomicLong();
    private Set<String> seenBefore = Set.of();

    public ConsentEvidenceRelay(ConsentEvidence.Outbox outbox, EvidenceRecorder recorder,
                                LedgerProperties.ConsentEvidenceRelaySettings settings, MeterRegistry meters) {
        this.outbox = outbox;
        this.recorder = recorder;
        this.settings = settings;
        if (meters != null) {
            Gauge.builder("touchpoint.ledger.consent.evidence.pending", pending, AtomicLong::get)
                    .description("consent changes whose evidence is waiting for the relay").register(meters);
        }
        if (outbox == null) {
            this.scheduler = null;
            return;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consent-evidence-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, settings.interval().toMillis());
        scheduler.scheduleWithFixedDelay(this::passSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("Consent evidence relay: pass failed, retried in {}: {}", settings.interval(), e.toString());
        }
    }

    /** One pass: relays the rows seen in the previous pass too; returns how many were relayed. */
    public synchronized int pass() {
        List<ConsentEvidence.Pending> rows = outbox.pending(settings.batch());
        Set<String> seenNow = new HashSet<>();
        int relayed = 0;
        for (ConsentEvidence.Pending row : rows) {
            if (!seenBefore.contains(row.evidenceKey())) {
                seenNow.add(row.evidenceKey());
                continue;
            }
            try {
                recorder.record(row);
                relayed++;
            } catch (RuntimeException e) {
                seenNow.add(row.evidenceKey());
                log.warn("Consent evidence relay: the {} change of customer {} on {} is still not in the ledger: {}",
                        row.status(), row.customerId(), row.channel(), e.toString());
            }
        }
        seenBefore = seenNow;
        pending.set(outbox.count());
        if (relayed > 0) {
            log.warn("Consent evidence relay: recorded {} consent change(s) whose evidence had failed when they were applied", relayed);
        }
        return relayed;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
