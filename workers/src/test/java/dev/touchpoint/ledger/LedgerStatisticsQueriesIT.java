package dev.touchpoint.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.LedgerStatistics.Bucket;
import dev.touchpoint.ledger.LedgerStatistics.Outcome;
import dev.touchpoint.ledger.LedgerStatistics.Tally;
import dev.touchpoint.ledger.internal.LedgerStatisticsQueries;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's counts over the ledger ({@link LedgerStatisticsQueries}) on both databases it supports, the H2 file
 * database and PostgreSQL, from rows as the ledger writes them: per journey element and version, per campaign (only
 * the engine incarnation the journey index names, ADR-0022), per time bucket; pruned entries never count.
 */
class LedgerStatisticsQueriesIT {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final AtomicLong seq = new AtomicLong();
    private JdbcTemplate jdbc;

    @ParameterizedTest
    @EnumSource(LedgerDatabases.Kind.class)
    void countsPerElementCampaignAndBucketOnEveryDatabase(LedgerDatabases.Kind kind) {
        LedgerDatabases.Database db = LedgerDatabases.create(kind);
        jdbc = new JdbcTemplate(db.dataSource());
        LedgerStatistics statistics = new LedgerStatisticsQueries(db.dataSource());

        jdbc.update("INSERT INTO ledger_journey_instance (engine_id, process_instance_key, process_id, process_version, customer_id,"
                + " campaign_id, started_at) VALUES ('e1', 100, 'welcome', 1, 'c-1', 'cmp-1', ?)", Timestamp.from(T0));
        entry("DECISION", 1, 100L, "send-email", "EMAIL", "SEND", null, null, T0, "e1", null);
        entry("DELIVERY_ATTEMPT", 1, 100L, "send-email", "EMAIL", null, "SENT", null, T0.plusSeconds(1), "e1", null);
        entry("DECISION", 1, 101L, "send-email", "EMAIL", "SEND", null, null, T0.plusSeconds(12), "e1", null);
        entry("DELIVERY_ATTEMPT", 1, 101L, "send-email", "EMAIL", null, "SENT", null, T0.plusSeconds(12), "e1", null);
        entry("DECISION", 1, 100L, "send-sms", "SMS", "SUPPRESS", null, "NO_CONSENT", T0.plusSeconds(2), "e1", null);
        entry("DELIVERY_ATTEMPT", 2, 102L, "send-sms", "SMS", null, "UNDELIVERABLE", "INVALID_RECIPIENT", T0.plusSeconds(3), "e1", null);
        // the same instance key from an earlier incarnation of the embedded engine: not this campaign's
        entry("DELIVERY_ATTEMPT", 1, 100L, "send-email", "EMAIL", null, "SENT", null, T0.plusSeconds(4), "e0", null);
        // pruned by retention: never counted
        entry("DELIVERY_ATTEMPT", 1, 100L, "send-email", "EMAIL", null, "SENT", null, T0.plusSeconds(5), "e1", 7L);
        // not a touchpoint
        entry("JOURNEY_STEP", 1, 100L, "send-email", null, null, "COMPLETED", null, T0.plusSeconds(6), "e1", null);

        List<Tally> all = statistics.touchpointsByElement("welcome", null);
        assertThat(count(all, "send-email", Outcome.SENT, null)).isEqualTo(3); // two incarnations, pruned one left out
        assertThat(count(all, "send-email", Outcome.DECIDED, null)).isEqualTo(2);
        assertThat(count(all, "send-sms", Outcome.SUPPRESSED, "NO_CONSENT")).isEqualTo(1);
        assertThat(count(all, "send-sms", Outcome.UNDELIVERABLE, "INVALID_RECIPIENT")).isEqualTo(1);
        assertThat(all).noneMatch(t -> t.outcome() == Outcome.OTHER);
        List<Tally> version2 = statistics.touchpointsByElement("welcome", 2);
        assertThat(version2).extracting(Tally::outcome).containsExactly(Outcome.UNDELIVERABLE);

        List<Tally> campaign = statistics.campaignTouchpoints("cmp-1");
        assertThat(count(campaign, null, Outcome.SENT, null)).as("instance 100 of incarnation e1 only").isEqualTo(1);
        assertThat(count(campaign, null, Outcome.SUPPRESSED, "NO_CONSENT")).isEqualTo(1);
        assertThat(count(campaign, null, Outcome.DECIDED, null)).isEqualTo(1);

        List<Bucket> series = statistics.campaignTouchpointSeries("cmp-1", T0, Duration.ofSeconds(10));
        assertThat(series).containsExactlyInAnyOrder(new Bucket(T0, "DECIDED", 1), new Bucket(T0, "SENT", 1),
                new Bucket(T0, "SUPPRESSED", 1));

        List<Bucket> sent = statistics.sentPerChannel(T0, Duration.ofSeconds(10));
        assertThat(sent).containsExactlyInAnyOrder(new Bucket(T0, "EMAIL", 2), new Bucket(T0.plusSeconds(10), "EMAIL", 1));
        assertThat(statistics.sentPerChannel(T0.plusSeconds(11), Duration.ofSeconds(10)))
                .containsExactly(new Bucket(T0.plusSeconds(10), "EMAIL", 1));
    }

    private static long count(List<Tally> tallies, String element, Outcome outcome, String reason) {
        return tallies.stream().filter(t -> (element == null || element.equals(t.elementId())) && t.outcome() == outcome
                        && (reason == null || reason.equals(t.reason())))
                .mapToLong(Tally::count).sum();
    }

    private void entry(String kind, int version, Long instance, String element, String channel, String decision, String outcome,
                       String reason, Instant at, String engine, Long prunedBySeq) {
        long n = seq.incrementAndGet();
        String hash = String.format("%064d", n);
        jdbc.update("INSERT INTO ledger_entry (chain_id, seq, kind, occurred_at, recorded_at, customer_id, process_id,"
                        + " process_version, process_instance_key, element_id, channel, decision, outcome, reason, attributes,"
                        + " content_digest, prev_hash, entry_hash, pruned_by_seq) VALUES (?, ?, ?, ?, ?, ?, 'welcome', ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?)",
                "c-1", n, kind, Timestamp.from(at), Timestamp.from(at), "c-1", version, instance, element, channel, decision,
                outcome, reason, "{\"engine\":\"" + engine + "\"}", hash, String.format("%064d", n - 1), hash, prunedBySeq);
    }
}
