package dev.touchpoint.ledger.internal;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@code /actuator/health} component {@code ledger}: whether evidence can be written now. */
public final class LedgerHealthIndicator implements HealthIndicator {

    private final LedgerWriter writer;

    public LedgerHealthIndicator(LedgerWriter writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        Health.Builder health = writer.alive() && writer.lastFailure() == null ? Health.up() : Health.down();
        health.withDetail("queued", writer.queued())
                .withDetail("committedEntries", writer.committedEntries())
                .withDetail("committedBatches", writer.committedBatches());
        if (!writer.alive()) {
            health.withDetail("error", "the ledger writer thread is not running");
        } else if (writer.lastFailure() != null) {
            health.withDetail("error", writer.lastFailure());
        }
        return health.build();
    }
}
