package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EvidenceLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/** Runs the retention policy on its cron schedule (its own one-thread scheduler; each run is recorded in the ledger). */
public final class RetentionSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    public RetentionSchedule(EvidenceLedger ledger, LedgerProperties.Retention retention) {
        scheduler.setThreadNamePrefix("ledger-retention-");
        scheduler.setDaemon(true);
        scheduler.setPoolSize(1);
        scheduler.initialize();
        if (retention.keep().isEmpty() || "-".equals(retention.schedule().trim())) {
            log.info("Ledger retention: {}", retention.keep().isEmpty() ? "no kind has a retention period; entries are kept"
                    : "schedule disabled");
            return;
        }
        CronTrigger trigger = new CronTrigger(retention.schedule());
        scheduler.schedule(() -> {
            try {
                ledger.applyRetention("retention-schedule");
            } catch (RuntimeException e) {
                log.error("Ledger retention run failed (next run as scheduled): {}", e.toString());
            }
        }, trigger);
        log.info("Ledger retention: {} on schedule '{}'", retention.keep(), retention.schedule());
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }
}
