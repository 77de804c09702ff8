package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only: the evidence ledger's identity column hands out ids from a cache of 4,096 instead of 32.
 *
 * <p>H2 persists a sequence each time its cache is used up, in a commit of its own, and the application runs H2 with
 * {@code WRITE_DELAY 0} (every commit writes the store, {@code H2Durability}): with the default cache of 32 and about
 * twelve ledger entries per touchpoint, one in every few ledger commits paid for a second store write. In the
 * end-to-end profile that was 3.4 % of all CPU (issue 21). A larger cache only means that ids skip a range after a
 * crash; ids order entries, they carry no meaning (the hash chains use {@code seq}).
 *
 * <p>PostgreSQL keeps its default: its sequences are cheap to advance, and a cache there is per session, which
 * would interleave the ids of concurrent connections.
 */
public class V18__LedgerIdentityCacheOnH2 extends BaseJavaMigration {

    static final int CACHE = 4096;

    @Override
    public void migrate(Context context) throws Exception {
        if (!"H2".equalsIgnoreCase(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE ledger_entry ALTER COLUMN id SET CACHE " + CACHE);
        }
    }
}
