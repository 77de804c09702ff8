package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.LedgerDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The ledger's parts on one test database, wired as {@link LedgerConfiguration} wires them, without Spring. */
final class LedgerFixture implements AutoCloseable {

    final LedgerDatabases.Database db;
    final LedgerStore store;
    final KeyRing keys;
    final LedgerWriter writer;
    final LedgerReader reader;
    final DefaultEvidenceLedger ledger;

    LedgerFixture(LedgerDatabases.Database db, Map<EntryKind, Duration> retention) {
        this.db = db;
        this.store = new LedgerStore(db.dataSource());
        this.keys = new KeyRing(PersonalDataCipher.newKey());
        this.writer = newWriter();
        this.reader = new LedgerReader(store, keys, Clock.systemUTC());
        this.ledger = new DefaultEvidenceLedger(reader, writer, new LedgerProperties.Retention("-", retention, 3), Clock.systemUTC());
    }

    /** Another writer on the same database and keys: a second application instance. */
    LedgerWriter newWriter() {
        return new LedgerWriter(new ChainAppender(store, keys, Clock.systemUTC()),
                new LedgerWriter.Settings(64, Duration.ZERO, 1000, Duration.ofSeconds(30)), null);
    }

    static EntryDraft.Builder draft(EntryKind kind, String customer) {
        return EntryDraft.builder(kind, Instant.now()).customer(customer);
    }

    @Override
    public void close() {
        writer.close();
    }
}
