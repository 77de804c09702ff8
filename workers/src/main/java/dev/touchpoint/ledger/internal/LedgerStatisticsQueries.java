package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.LedgerStatistics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@link LedgerStatistics} in SQL that runs on H2 and PostgreSQL: GROUP BY over {@code ledger_entry} (index
 * {@code ledger_entry_process_element} of V16 for journeys, {@code ledger_entry_kind} for time windows). Time buckets
 * are {@code FLOOR(EXTRACT(EPOCH FROM occurred_at) / seconds)}, which both databases compute the same way.
 */
public final class LedgerStatisticsQueries implements LedgerStatistics {

    /** Entries that record what happened to a touchpoint. */
    private static final String TOUCHPOINT_KINDS = "e.kind IN ('DECISION', 'DELIVERY_ATTEMPT') AND e.pruned_by_seq IS NULL";
    /** The entry belongs to a journey instance of the campaign, of the incarnation the index row names (ADR-0022). */
    private static final String OF_CAMPAIGN = "EXISTS (SELECT 1 FROM ledger_journey_instance j WHERE j.campaign_id = :campaign"
            + " AND j.process_instance_key = e.process_instance_key AND (j.engine_id = ''"
            + " OR e.attributes LIKE '%\"engine\":\"' || j.engine_id || '\"%'))";

    private final NamedParameterJdbcTemplate jdbc;

    public LedgerStatisticsQueries(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @Override
    public List<Tally> touchpointsByElement(String processId, Integer version) {
        MapSqlParameterSource params = new MapSqlParameterSource("processId", processId);
        String versionCondition = "";
        if (version != null) {
            versionCondition = " AND e.process_version = :version";
            params.addValue("version", version);
        }
        return jdbc.query("SELECT e.element_id, e.channel, e.kind, e.decision, e.outcome, e.reason, COUNT(*) AS n FROM ledger_entry e"
                        + " WHERE e.process_id = :processId" + versionCondition + " AND " + TOUCHPOINT_KINDS
                        + " GROUP BY e.element_id, e.channel, e.kind, e.decision, e.outcome, e.reason",
                params, (rs, i) -> tally(rs, rs.getString("element_id")));
    }

    @Override
    public List<Tally> campaignTouchpoints(String campaignId) {
        return jdbc.query("SELECT e.channel, e.kind, e.decision, e.outcome, e.reason, COUNT(*) AS n FROM ledger_entry e"
                        + " WHERE " + TOUCHPOINT_KINDS + " AND " + OF_CAMPAIGN
                        + " GROUP BY e.channel, e.kind, e.decision, e.outcome, e.reason",
                new MapSqlParameterSource("campaign", campaignId), (rs, i) -> tally(rs, null));
    }

    @Override
    public List<Bucket> campaignTouchpointSeries(String campaignId, Instant from, Duration bucket) {
        long seconds = seconds(bucket);
        String b = bucketExpression(seconds);
        MapSqlParameterSource params = new MapSqlParameterSource("campaign", campaignId).addValue("from", timestamp(from));
        return jdbc.query("SELECT " + b + " AS b, e.kind, e.decision, e.outcome, COUNT(*) AS n FROM ledger_entry e"
                        + " WHERE e.occurred_at >= :from AND " + TOUCHPOINT_KINDS + " AND " + OF_CAMPAIGN
                        + " GROUP BY " + b + ", e.kind, e.decision, e.outcome",
                params, (rs, i) -> new Bucket(start(rs, seconds),
                        Outcome.of(rs.getString("kind"), rs.getString("decision"), rs.getString("outcome")).name(), rs.getLong("n")));
    }

    @Override
    public List<Bucket> sentPerChannel(Instant from, Duration bucket) {
        long seconds = seconds(bucket);
        String b = bucketExpression(seconds);
        return jdbc.query("SELECT " + b + " AS b, e.channel, COUNT(*) AS n FROM ledger_entry e"
                        + " WHERE e.kind = 'DELIVERY_ATTEMPT' AND e.occurred_at >= :from AND e.outcome = 'SENT' AND e.pruned_by_seq IS NULL"
                        + " GROUP BY " + b + ", e.channel",
                new MapSqlParameterSource("from", timestamp(from)),
                (rs, i) -> new Bucket(start(rs, seconds), rs.getString("channel") == null ? "NONE" : rs.getString("channel"), rs.getLong("n")));
    }

    private static Tally tally(ResultSet rs, String elementId) throws SQLException {
        return new Tally(elementId, rs.getString("channel"),
                Outcome.of(rs.getString("kind"), rs.getString("decision"), rs.getString("outcome")), rs.getString("reason"), rs.getLong("n"));
    }

    /** The bucket number of an entry: whole {@code seconds} since the epoch (a literal: both databases type it alike). */
    private static String bucketExpression(long seconds) {
        return "FLOOR(EXTRACT(EPOCH FROM e.occurred_at) / " + seconds + ")";
    }

    private static Instant start(ResultSet rs, long seconds) throws SQLException {
        return Instant.ofEpochSecond(((Number) rs.getObject("b")).longValue() * seconds);
    }

    private static long seconds(Duration bucket) {
        if (bucket == null || bucket.getSeconds() < 1) {
            throw new IllegalArgumentException("bucket must be at least one second, was " + bucket);
        }
        return bucket.getSeconds();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
