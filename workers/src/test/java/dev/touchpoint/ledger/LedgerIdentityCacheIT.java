package dev.touchpoint.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Migration V18: the ledger's identity cache is large on H2 and left alone on PostgreSQL (issue 21). */
class LedgerIdentityCacheIT {

    @Test
    void onH2TheLedgersIdsComeFromALargeCacheAndStayUniqueAcrossARestart() throws Exception {
        LedgerDatabases.Database db = LedgerDatabases.create(LedgerDatabases.Kind.H2);
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());

        Long cache = jdbc.queryForObject("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_NAME = 'LEDGER_ENTRY' AND COLUMN_NAME = 'ID'", Long.class);
        assertThat(cache).isEqualTo(4096L);

        List<Long> ids = new ArrayList<>(insert(jdbc, "before", 3));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN"); // the database closes; cached ids that were not used are skipped after it
        }
        JdbcDataSource reopened = new JdbcDataSource();
        reopened.setURL(db.url());
        reopened.setUser(db.user());
        reopened.setPassword(db.password());
        ids.addAll(insert(new JdbcTemplate(reopened), "after", 3));

        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void onPostgresqlTheSequenceKeepsItsDefaultCache() {
        LedgerDatabases.Database db = LedgerDatabases.create(LedgerDatabases.Kind.POSTGRES);

        Long cache = new JdbcTemplate(db.dataSource()).queryForObject(
                "SELECT seqcache FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('ledger_entry', 'id')::regclass",
                Long.class);
        assertThat(cache).isEqualTo(1L);
    }

    private static List<Long> insert(JdbcTemplate jdbc, String chain, int rows) {
        List<Long> ids = new ArrayList<>();
        for (int seq = 1; seq <= rows; seq++) {
            jdbc.update("INSERT INTO ledger_entry (chain_id, seq, kind, occurred_at, recorded_at, content_digest, prev_hash, "
                    + "entry_hash) VALUES (?, ?, 'DECISION', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'd', 'p', 'h')", chain, seq);
            ids.add(jdbc.queryForObject("SELECT id FROM ledger_entry WHERE chain_id = ? AND seq = ?", Long.class, chain, seq));
        }
        return ids;
    }
}
