package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.JourneyInstance;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.LedgerEntryFields;
import dev.touchpoint.ledger.LedgerQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every SQL statement of the ledger (tables of {@code V2__evidence_ledger.sql}), portable between H2 and PostgreSQL.
 * Write methods expect to run inside a transaction of {@link #transactions()}; {@link ChainAppender} drives them.
 */
public class LedgerStore {

    static final String COLUMNS = "id, chain_id, seq, kind, occurred_at, recorded_at, customer_id, process_id, process_version, "
            + "process_instance_key, element_id, channel, template_id, template_version, content_sha256, decision, outcome, "
            + "reason, until_at, consent_snapshot, provider_message_id, idempotency_key, attributes, personal_data, key_id, "
            + "content_digest, prev_hash, entry_hash, pruned_by_seq";
    private static final int IN_CHUNK = 500;
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final NamedParameterJdbcTemplate named;
    private final NamedParameterJdbcTemplate namedStreaming;
    private final PlatformTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;

    public LedgerStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.namedStreaming = new NamedParameterJdbcTemplate(streaming);
        this.transactionManager = new DataSourceTransactionManager(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    /** The head of a chain: its last seq and hash. */
    public record Head(String chainId, long lastSeq, String lastHash) {
    }

    /** A stored data key. */
    public record KeyRow(String keyId, String chainId, String wrappedKey, Instant createdAt) {
    }

    /** A journey instance of the campaign index. */

    // ---- writing (inside a transaction)

    /**
     * Locks the existing heads of these chains (in chain id order, so two writers never deadlock) and returns them. The
     * ids go in as one array parameter ({@code = ANY(?)}), not as an IN list: one statement text whatever the batch's
     * number of chains, so the database parses it once (an IN list of each length was parsed again on every batch, 1.4 %
     * of all CPU in the end-to-end profile, issue 21).
     */
    public Map<String, Head> lockHeads(Collection<String> chainIds) {
        Map<String, Head> heads = new LinkedHashMap<>();
        for (List<String> chunk : chunks(chainIds.stream().sorted().distinct().toList())) {
            jdbc.query("SELECT chain_id, last_seq, last_hash FROM ledger_chain_head WHERE chain_id = ANY(?) ORDER BY chain_id FOR UPDATE",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("VARCHAR", chunk.toArray())),
                    rs -> {
                        heads.put(rs.getString(1), new Head(rs.getString(1), rs.getLong(2), rs.getString(3)));
                    });
        }
        return heads;
    }

    public void insertEntries(List<LedgerRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO ledger_entry (chain_id, seq, kind, occurred_at, recorded_at, customer_id, process_id, process_version,
                  process_instance_key, element_id, channel, template_id, template_version, content_sha256, decision, outcome,
                  reason, until_at, consent_snapshot, provider_message_id, idempotency_key, attributes, personal_data, key_id,
                  content_digest, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows, rows.size(), (ps, r) -> {
                    int i = 1;
                    ps.setString(i++, r.chainId());
                    ps.setLong(i++, r.seq());
                    ps.setString(i++, r.kind());
                    ps.setObject(i++, timestamp(r.occurredAt()));
                    ps.setObject(i++, timestamp(r.recordedAt()));
                    i = bind(ps, i, r.fields());
                    ps.setString(i++, r.attributes());
                    ps.setString(i++, r.personalData());
                    ps.setString(i++, r.keyId());
                    ps.setString(i++, r.contentDigest());
                    ps.setString(i++, r.prevHash());
                    ps.setString(i, r.entryHash());
                });
    }

    public void updateHeads(Collection<Head> heads, Instant now) {
        if (heads.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE ledger_chain_head SET last_seq = ?, last_hash = ?, updated_at = ? WHERE chain_id = ?",
                heads.stream().map(h -> new Object[]{h.lastSeq(), h.lastHash(), timestamp(now), h.chainId()}).toList());
    }

    public void insertHeads(Collection<Head> heads, Instant now) {
        if (heads.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO ledger_chain_head (chain_id, last_seq, last_hash, updated_at) VALUES (?, ?, ?, ?)",
                heads.stream().map(h -> new Object[]{h.chainId(), h.lastSeq(), h.lastHash(), timestamp(now)}).toList());
    }

    /** The data keys of these chains, oldest first. */
    public List<KeyRow> keysOf(Collection<String> chainIds) {
        List<KeyRow> keys = new ArrayList<>();
        for (List<String> chunk : chunks(chainIds.stream().distinct().toList())) {
            keys.addAll(jdbc.query("SELECT key_id, customer_id, wrapped_key, created_at FROM ledger_customer_key "
                            + "WHERE customer_id = ANY(?) ORDER BY created_at, key_id",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("VARCHAR", chunk.toArray())),
                    (rs, n) -> new KeyRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4))));
        }
        return keys;
    }

    /** Any one stored data key (to check the master key against), or empty when there is none yet. */
    public Optional<KeyRow> anyKey() {
        return jdbc.query("SELECT key_id, customer_id, wrapped_key, created_at FROM ledger_customer_key ORDER BY created_at "
                        + "FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new KeyRow(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4))).stream().findFirst();
    }

    public void insertKey(KeyRow key) {
        jdbc.update("INSERT INTO ledger_customer_key (key_id, customer_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)",
                key.keyId(), key.chainId(), key.wrappedKey(), timestamp(key.createdAt()));
    }

    /** Deletes the chain's data keys; returns how many there were. */
    public int deleteKeys(String chainId) {
        return jdbc.update("DELETE FROM ledger_customer_key WHERE customer_id = ?", chainId);
    }

    /** How many entries hold personal data sealed with one of these keys. */
    public long countSealedWith(Collection<String> keyIds) {
        long count = 0;
        for (List<String> chunk : chunks(List.copyOf(keyIds))) {
            Long n = named.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE key_id IN (:ids)",
                    new MapSqlParameterSource("ids", chunk), Long.class);
            count += n == null ? 0 : n;
        }
        return count;
    }

    /**
     * Clears the content of at most {@code limit} entries of this kind that occurred before the cutoff and were not
     * pruned yet (oldest first), marking them pruned by the retention entry {@code prunedBySeq} of chain ~system.
     */
    public long prune(EntryKind kind, Instant cutoff, long prunedBySeq, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("kind", kind.name()).addValue("cutoff", timestamp(cutoff))
                .addValue("by", prunedBySeq).addValue("limit", limit);
        return named.update("""
                UPDATE ledger_entry SET customer_id = NULL, process_id = NULL, process_version = NULL, process_instance_key = NULL,
                  element_id = NULL, channel = NULL, template_id = NULL, template_version = NULL, content_sha256 = NULL,
                  decision = NULL, outcome = NULL, reason = NULL, until_at = NULL, consent_snapshot = NULL,
                  provider_message_id = NULL, idempotency_key = NULL, attributes = NULL, personal_data = NULL, key_id = NULL,
                  pruned_by_seq = :by
                WHERE id IN (SELECT id FROM ledger_entry WHERE kind = :kind AND occurred_at < :cutoff AND pruned_by_seq IS NULL
                             AND chain_id <> '~system' ORDER BY id FETCH FIRST :limit ROWS ONLY)""", params);
    }

    public void upsertJourneyInstance(JourneyInstance instance) {
        int updated = jdbc.update("""
                        UPDATE ledger_journey_instance SET process_id = ?, process_version = ?, customer_id = ?, campaign_id = ?,
                          started_at = ? WHERE engine_id = ? AND process_instance_key = ?""",
                instance.processId(), instance.processVersion(), instance.customerId(), instance.campaignId(),
                timestamp(instance.startedAt()), instance.engine(), instance.processInstanceKey());
        if (updated == 0) {
            jdbc.update("""
                            INSERT INTO ledger_journey_instance (engine_id, process_instance_key, process_id, process_version,
                              customer_id, campaign_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    instance.engine(), instance.processInstanceKey(), instance.processId(), instance.processVersion(),
                    instance.customerId(), instance.campaignId(), timestamp(instance.startedAt()));
        }
    }

    /** Forgets which customer the journey instances belonged to (erasure); returns how many rows named them. */
    public int forgetCustomerOfJourneyInstances(String customerId) {
        return jdbc.update("UPDATE ledger_journey_instance SET customer_id = NULL WHERE customer_id = ?", customerId);
    }

    public void endJourneyInstance(String engine, long processInstanceKey, Instant endedAt) {
        jdbc.update("UPDATE ledger_journey_instance SET ended_at = ? WHERE engine_id = ? AND process_instance_key = ?",
                timestamp(endedAt), engine, processInstanceKey);
    }

    // ---- reading

    /** One page of the query (pruned entries excluded), ordered by occurrence then id. */
    public List<LedgerRow> query(LedgerQuery query, long offset, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "SELECT " + COLUMNS + " FROM ledger_entry e WHERE " + where(query, params)
                + " ORDER BY e.occurred_at, e.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY";
        params.addValue("offset", offset).addValue("limit", limit);
        return named.query(sql, params, ROW);
    }

    /** Every entry of the query in order, streamed (for exports); returns how many. */
    public long stream(LedgerQuery query, Consumer<LedgerRow> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = "SELECT " + COLUMNS + " FROM ledger_entry e WHERE " + where(query, params) + " ORDER BY e.occurred_at, e.id";
        long[] count = {0};
        readOnly.executeWithoutResult(status -> namedStreaming.query(sql, params, rs -> {
            sink.accept(ROW.mapRow(rs, 0));
            count[0]++;
        }));
        return count[0];
    }

    /** Every entry of one chain or of all chains, pruned ones included, in chain id then seq order. */
    public void streamChains(String chainId, Consumer<LedgerRow> sink) {
        String sql = "SELECT " + COLUMNS + " FROM ledger_entry" + (chainId == null ? "" : " WHERE chain_id = :chain")
                + " ORDER BY chain_id, seq";
        readOnly.executeWithoutResult(status -> namedStreaming.query(sql, new MapSqlParameterSource("chain", chainId),
                rs -> {
                    sink.accept(ROW.mapRow(rs, 0));
                }));
    }

    public List<Head> heads(String chainId) {
        String sql = "SELECT chain_id, last_seq, last_hash FROM ledger_chain_head" + (chainId == null ? "" : " WHERE chain_id = :chain")
                + " ORDER BY chain_id";
        return named.query(sql, new MapSqlParameterSource("chain", chainId), (rs, n) -> new Head(rs.getString(1), rs.getLong(2), rs.getString(3)));
    }

    /** The retention entries of chain ~system, by seq. */
    public Map<Long, LedgerRow> retentionEntries() {
        Map<Long, LedgerRow> bySeq = new LinkedHashMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry WHERE chain_id = ? AND kind = ? ORDER BY seq", ROW,
                Chains.SYSTEM, EntryKind.RETENTION_APPLIED.name()).forEach(r -> bySeq.put(r.seq(), r));
        return bySeq;
    }

    /** The first delivery attempt that carried this provider message id. */
    public Optional<LedgerRow> findDeliveryByProviderMessageId(String providerMessageId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry WHERE provider_message_id = ? AND kind = ? AND customer_id IS NOT NULL "
                        + "ORDER BY id FETCH FIRST 1 ROWS ONLY", ROW, providerMessageId, EntryKind.DELIVERY_ATTEMPT.name())
                .stream().findFirst();
    }

    /** Whether an entry of this kind with this idempotency key is recorded. */
    public boolean entryRecorded(EntryKind kind, String idempotencyKey) {
        Integer found = jdbc.query("SELECT 1 FROM ledger_entry WHERE idempotency_key = ? AND kind = ? FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> 1, idempotencyKey, kind.name()).stream().findFirst().orElse(null);
        return found != null;
    }

    /**
     * The DELIVERY_ATTEMPT entries of one customer's touchpoint, in the order recorded: outcome and provider message id.
     * The durable SENDING evidence a retried job consults (ADR-0022); reads committed rows only.
     */
    public List<String[]> deliveryAttempts(String customerId, String idempotencyKey) {
        return jdbc.query("SELECT outcome, provider_message_id FROM ledger_entry WHERE idempotency_key = ? AND kind = ? "
                        + "AND customer_id = ? ORDER BY id",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2)}, idempotencyKey, EntryKind.DELIVERY_ATTEMPT.name(), customerId);
    }

    /**
     * The DELIVERY_ATTEMPT entries of one customer at one element of one journey instance of an engine incarnation, in
     * the order recorded: how a restarted journey learns what its interrupted incarnation sent.
     */
    public List<String[]> deliveryAttemptsAt(String customerId, String engine, long processInstanceKey, String elementId) {
        return jdbc.query("SELECT outcome, provider_message_id FROM ledger_entry WHERE process_instance_key = ? AND kind = ?"
                        + " AND customer_id = ? AND element_id = ? AND attributes LIKE ? ORDER BY id",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2)}, processInstanceKey, EntryKind.DELIVERY_ATTEMPT.name(),
                customerId, elementId, "%\"" + TouchpointEventMapping.ENGINE_ATTRIBUTE + "\":\"" + engine + "\"%");
    }

    /** Whether a SEND decision is recorded for this idempotency key. */
    public boolean sendDecisionRecorded(String idempotencyKey) {
        Integer found = jdbc.query("SELECT 1 FROM ledger_entry WHERE idempotency_key = ? AND kind = ? AND decision = 'SEND' "
                + "FETCH FIRST 1 ROWS ONLY", (rs, n) -> 1, idempotencyKey, EntryKind.DECISION.name()).stream().findFirst().orElse(null);
        return found != null;
    }

    public List<JourneyInstance> journeyInstances(String customerId) {
        return jdbc.query("""
                        SELECT engine_id, process_instance_key, process_id, process_version, customer_id, campaign_id, started_at,
                          ended_at
                        FROM ledger_journey_instance WHERE customer_id = ? ORDER BY started_at, process_instance_key""",
                (rs, n) -> new JourneyInstance(rs.getString(1), rs.getLong(2), rs.getString(3), (Integer) rs.getObject(4, Integer.class),
                        rs.getString(5), rs.getString(6), instant(rs, 7), instant(rs, 8)), customerId);
    }

    /** The last entry of a chain. */
    public Optional<LedgerRow> lastEntry(String chainId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_entry WHERE chain_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY",
                ROW, chainId).stream().findFirst();
    }

    public long countEntries() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);
        return n == null ? 0 : n;
    }

    // ---- helpers

    private static String where(LedgerQuery q, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.pruned_by_seq IS NULL");
        if (q.customerId() != null) {
            conditions.add("(e.customer_id = :customer OR (e.customer_id IS NULL AND e.kind = 'PROVIDER_STATUS' AND e.provider_message_id IN "
                    + "(SELECT s.provider_message_id FROM ledger_entry s WHERE s.customer_id = :customer AND s.provider_message_id IS NOT NULL)))");
            params.addValue("customer", q.customerId());
        }
        if (q.campaign() != null) {
            // the instance of the campaign's engine incarnation only: keys repeat after an embedded restart (ADR-0022)
            conditions.add("EXISTS (SELECT 1 FROM ledger_journey_instance j WHERE j.campaign_id = :campaign"
                    + " AND j.process_instance_key = e.process_instance_key AND (j.engine_id = ''"
                    + " OR e.attributes LIKE '%\"engine\":\"' || j.engine_id || '\"%'))");
            params.addValue("campaign", q.campaign());
        }
        if (q.journeyProcessId() != null) {
            conditions.add("e.process_id = :processId");
            params.addValue("processId", q.journeyProcessId());
            if (q.journeyVersion() != null) {
                conditions.add("e.process_version = :processVersion");
                params.addValue("processVersion", q.journeyVersion());
            }
        }
        if (q.channel() != null) {
            conditions.add("e.channel = :channel");
            params.addValue("channel", q.channel());
        }
        if (q.decision() != null) {
            conditions.add("e.decision = :decision");
            params.addValue("decision", q.decision());
        }
        if (!q.kinds().isEmpty()) {
            conditions.add("e.kind IN (:kinds)");
            params.addValue("kinds", q.kinds().stream().map(Enum::name).sorted().toList());
        }
        if (q.from() != null) {
            conditions.add("e.occurred_at >= :from");
            params.addValue("from", timestamp(q.from()));
        }
        if (q.to() != null) {
            conditions.add("e.occurred_at < :to");
            params.addValue("to", timestamp(q.to()));
        }
        return String.join(" AND ", conditions);
    }

    static final RowMapper<LedgerRow> ROW = (rs, n) -> new LedgerRow(
            rs.getLong("id"), rs.getString("chain_id"), rs.getLong("seq"), rs.getString("kind"),
            instant(rs, "occurred_at"), instant(rs, "recorded_at"), fields(rs),
            rs.getString("attributes"), rs.getString("personal_data"), rs.getString("key_id"),
            rs.getString("content_digest"), rs.getString("prev_hash"), rs.getString("entry_hash"),
            rs.getObject("pruned_by_seq", Long.class));

    /** The content fields of a selected row ({@link #COLUMNS}). */
    private static LedgerEntryFields fields(ResultSet rs) throws SQLException {
        return new LedgerEntryFields(rs.getString("customer_id"), rs.getString("process_id"),
                rs.getObject("process_version", Integer.class), rs.getObject("process_instance_key", Long.class),
                rs.getString("element_id"), rs.getString("channel"), rs.getString("template_id"), rs.getString("template_version"),
                rs.getString("content_sha256"), rs.getString("decision"), rs.getString("outcome"), rs.getString("reason"),
                instant(rs, "until_at"), rs.getString("consent_snapshot"), rs.getString("provider_message_id"),
                rs.getString("idempotency_key"));
    }

    /** Binds the content fields from parameter {@code i} on, in the column order of the insert; returns the next index. */
    private static int bind(PreparedStatement ps, int i, LedgerEntryFields f) throws SQLException {
        ps.setString(i++, f.customerId());
        ps.setString(i++, f.processId());
        setInteger(ps, i++, f.processVersion());
        setLong(ps, i++, f.processInstanceKey());
        ps.setString(i++, f.elementId());
        ps.setString(i++, f.channel());
        ps.setString(i++, f.templateId());
        ps.setString(i++, f.templateVersion());
        ps.setString(i++, f.contentSha256());
        ps.setString(i++, f.decision());
        ps.setString(i++, f.outcome());
        ps.setString(i++, f.reason());
        if (f.until() == null) {
            ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i++, timestamp(f.until()));
        }
        ps.setString(i++, f.consentSnapshot());
        ps.setString(i++, f.providerMessageId());
        ps.setString(i++, f.idempotencyKey());
        return i;
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }
}
