package dev.touchpoint.ledger.internal;

import dev.touchpoint.engine.EngineRuntime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts recording the process history once the application starts (when the engine offers its record stream, i.e.
 * the embedded engine), and stops late, after the job workers, so the last steps are recorded too.
 */
public final class ProcessHistoryRecording implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessHistoryRecording.class);

    private final EngineRuntime engine;
    private final LedgerWriter writer;
    private final LedgerProperties.ProcessHistory settings;
    private final Clock clock;
    private volatile ProcessHistoryPoller poller;

    public ProcessHistoryRecording(EngineRuntime engine, LedgerWriter writer, LedgerProperties.ProcessHistory settings, Clock clock) {
        this.engine = engine;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!settings.enabled() || engine == null) {
            return;
        }
        engine.records().ifPresentOrElse(stream -> {
            ProcessHistoryPoller started = new ProcessHistoryPoller(stream,
                    new ProcessHistoryMapper(settings.customerVariable(), settings.campaignVariable(), settings.steps(),
                            settings.customerWait()).engine(engine.identity()), writer, settings.pollInterval(), clock);
            started.start();
            poller = started;
        }, () -> log.info("Ledger: the engine is remote; its process history needs the exporter described in ADR-0011 "
                + "(decisions, deliveries and consent are recorded as usual)"));
    }

    @Override
    public void stop() {
        ProcessHistoryPoller running = poller;
        poller = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Starts early (before the job workers), stops late (after them). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    public ProcessHistoryPoller poller() {
        return poller;
    }
}
