package dev.touchpoint.ledger.internal;

import static dev.touchpoint.ledger.internal.LedgerFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.ErasureReport;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.EvidenceEntry.PersonalData;
import dev.touchpoint.ledger.ExportFormat;
import dev.touchpoint.ledger.LedgerDatabases;
import dev.touchpoint.ledger.LedgerDatabases.Kind;
import dev.touchpoint.ledger.LedgerPage;
import dev.touchpoint.ledger.LedgerQuery;
import dev.touchpoint.ledger.RetentionReport;
import dev.touchpoint.ledger.VerificationReport;
import dev.touchpoint.ledger.VerificationReport.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger store on both databases it supports (H2, the embedded default; PostgreSQL, the cluster profile): group
 * commit under concurrency, two writers on one database, tamper detection, erasure, retention, queries and exports.
 * Each test uses its own customers, so the tests share one database per kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerStoreIT {

    private final Map<Kind, LedgerFixture> fixtures = new java.util.EnumMap<>(Kind.class);

    @BeforeAll
    void databases() {
        for (Kind kind : Kind.values()) {
            fixtures.put(kind, new LedgerFixture(LedgerDatabases.create(kind), Map.of(EntryKind.JOURNEY_STEP, Duration.ofDays(400))));
        }
    }

    @AfterAll
    void close() {
        fixtures.values().forEach(LedgerFixture::close);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentSubmissionsShareCommitsAndEveryChainStaysContiguous(Kind kind) throws Exception {
        LedgerFixture f = fixtures.get(kind);
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String customer = "conc-" + kind + "-" + (i % 5);
                        f.writer.appendAndWait(List.of(
                                draft(EntryKind.DECISION, customer).decision("SEND").idempotencyKey("k-" + thread + "-" + i).build(),
                                draft(EntryKind.DELIVERY_ATTEMPT, customer).outcome("SENT").idempotencyKey("k-" + thread + "-" + i)
                                        .providerMessageId("pm-" + kind + "-" + thread + "-" + i).build()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int c = 0; c < 5; c++) {
            String chain = "conc-" + kind + "-" + c;
            List<Long> seqs = new JdbcTemplate(f.db.dataSource()).queryForList(
                    "SELECT seq FROM ledger_entry WHERE chain_id = ? ORDER BY seq", Long.class, chain);
            assertThat(seqs).hasSize(threads * perThread * 2 / 5);
            assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, seqs.size()).mapToObj(Long::valueOf).toList());
            assertThat(f.ledger.verifyChain(chain).intact()).isTrue();
        }
        // a DECISION and its DELIVERY_ATTEMPT were submitted together: they are adjacent in their chain
        List<Map<String, Object>> pairs = new JdbcTemplate(f.db.dataSource()).queryForList(
                "SELECT kind, idempotency_key FROM ledger_entry WHERE chain_id = ? ORDER BY seq", "conc-" + kind + "-0");
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(value(pairs.get(i), "kind")).isEqualTo("DECISION");
            assertThat(value(pairs.get(i + 1), "kind")).isEqualTo("DELIVERY_ATTEMPT");
            assertThat(value(pairs.get(i + 1), "idempotency_key")).isEqualTo(value(pairs.get(i), "idempotency_key"));
        }
        assertThat(f.writer.committedBatches()).isLessThan(f.writer.committedEntries());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoApplicationInstancesAppendToTheSameChainsSafely(Kind kind) throws Exception {
        LedgerFixture f = fixtures.get(kind);
        try (LedgerWriter second = f.newWriter()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    LedgerWriter writer = t % 2 == 0 ? f.writer : second;
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            writer.appendAndWait(List.of(draft(EntryKind.PROVIDER_STATUS, "two-" + kind + "-" + (i % 2))
                                    .outcome("DELIVERED").providerMessageId("two-" + thread + "-" + i).build()));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        for (String chain : List.of("two-" + kind + "-0", "two-" + kind + "-1")) {
            VerificationReport report = f.ledger.verifyChain(chain);
            assertThat(report.intact()).as("%s", report.firstBroken()).isTrue();
            assertThat(report.entriesChecked()).isEqualTo(80);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void verifyPinpointsEveryKindOfTampering(Kind kind) {
        LedgerFixture f = fixtures.get(kind);
        String altered = "tamper-" + kind + "-content";
        String reordered = "tamper-" + kind + "-time";
        String removed = "tamper-" + kind + "-removed";
        String truncated = "tamper-" + kind + "-truncated";
        for (String chain : List.of(altered, reordered, removed, truncated)) {
            for (int i = 0; i < 6; i++) {
                f.writer.appendAndWait(List.of(draft(EntryKind.DECISION, chain).decision("SUPPRESS").reason("NO_CONSENT")
                        .channel("SMS").idempotencyKey(chain + "-" + i).personal("detail", "no MARKETING consent on SMS").build()));
            }
        }
        assertThat(f.ledger.verify().intact()).isTrue();
        long alteredId = id(f, altered, 4);

        LedgerDatabases.execute(f.db.dataSource(), "UPDATE ledger_entry SET reason = 'BUDGET_EXHAUSTED' WHERE chain_id = ? AND seq = 4", altered);
        LedgerDatabases.execute(f.db.dataSource(), "UPDATE ledger_entry SET occurred_at = ? WHERE chain_id = ? AND seq = 2",
                LedgerStore.timestamp(Instant.parse("2020-01-01T00:00:00Z")), reordered);
        LedgerDatabases.execute(f.db.dataSource(), "DELETE FROM ledger_entry WHERE chain_id = ? AND seq = 3", removed);
        LedgerDatabases.execute(f.db.dataSource(), "DELETE FROM ledger_entry WHERE chain_id = ? AND seq = 6", truncated);

        VerificationReport report = f.ledger.verifyChain(altered);
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBroken().chainId()).isEqualTo(altered);
        assertThat(report.firstBroken().seq()).isEqualTo(4);
        assertThat(report.firstBroken().entryId()).isEqualTo(alteredId);
        assertThat(report.firstBroken().problem()).isEqualTo(Problem.CONTENT_ALTERED);

        VerificationReport all = f.ledger.verify();
        assertThat(all.brokenChains()).extracting(VerificationReport.BrokenLink::chainId).contains(altered, reordered, removed, truncated);
        assertThat(link(all, reordered).problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(link(all, reordered).seq()).isEqualTo(2);
        assertThat(link(all, removed).problem()).isEqualTo(Problem.SEQUENCE_GAP);
        assertThat(link(all, removed).seq()).isEqualTo(3);
        assertThat(link(all, truncated).problem()).isEqualTo(Problem.HEAD_MISMATCH);
        assertThat(link(all, truncated).seq()).isEqualTo(6);
        assertThat(all.brokenChains()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void erasureMakesPersonalFieldsUnreadableEverywhereAndTheChainStillVerifies(Kind kind) throws Exception {
        LedgerFixture f = fixtures.get(kind);
        String customer = "erase-" + kind;
        String proof = "stop-message-SM" + kind + "7f3a";
        String detail = "customer wrote: please call me on +4915112345678";
        f.writer.appendAndWait(List.of(draft(EntryKind.CONSENT_CHANGE, customer).channel("SMS").outcome("WITHDRAWN")
                .reason("SMS_KEYWORD").attribute("purpose", "MARKETING").personal("proof", proof).build()));
        f.writer.appendAndWait(List.of(draft(EntryKind.DECISION, customer).channel("SMS").decision("SUPPRESS").reason("NO_CONSENT")
                .personal("detail", detail).build()));
        f.writer.appendAndWait(List.of(draft(EntryKind.JOURNEY_STEP, customer).element("welcome-sms").outcome("COMPLETED").build()));
        assertThat(f.reader.allOf(customer)).extracting(EvidenceEntry::personalData)
                .containsExactly(PersonalData.READABLE, PersonalData.READABLE, PersonalData.NONE);
        assertThat(f.reader.allOf(customer).getFirst().personal()).containsEntry("proof", proof);

        ErasureReport report = f.ledger.eraseCustomer(customer, "compliance");
        assertThat(report.keysDestroyed()).isEqualTo(1);
        assertThat(report.sealedEntries()).isEqualTo(2);
        assertThat(f.ledger.eraseCustomer(customer, "compliance").erasedEntrySeq()).as("idempotent").isEqualTo(report.erasedEntrySeq());

        List<EvidenceEntry> after = f.reader.allOf(customer);
        assertThat(after).extracting(EvidenceEntry::kind).containsExactly(EntryKind.CONSENT_CHANGE, EntryKind.DECISION,
                EntryKind.JOURNEY_STEP, EntryKind.ERASED);
        assertThat(after.subList(0, 2)).allSatisfy(e -> {
            assertThat(e.personalData()).isEqualTo(PersonalData.ERASED);
            assertThat(e.personal()).isEmpty();
        });
        assertThat(after.get(1).reason()).as("the evidence itself stays").isEqualTo("NO_CONSENT");
        assertThat(rawTextContaining(f, proof)).as("tables holding the proof in clear").isEmpty();
        assertThat(rawTextContaining(f, "+4915112345678")).as("tables holding the phone in clear").isEmpty();
        assertThat(new JdbcTemplate(f.db.dataSource()).queryForObject(
                "SELECT COUNT(*) FROM ledger_customer_key WHERE customer_id = ?", Long.class, customer)).isZero();
        VerificationReport verified = f.ledger.verifyChain(customer);
        assertThat(verified.intact()).as("%s", verified.firstBroken()).isTrue();
        assertThat(verified.entriesChecked()).isEqualTo(4);

        // new processing after the erasure gets a new key and is readable again; the old entries stay sealed
        f.writer.appendAndWait(List.of(draft(EntryKind.DECISION, customer).channel("SMS").decision("SUPPRESS").reason("UNKNOWN_CUSTOMER")
                .personal("detail", "unknown customer").build()));
        assertThat(f.reader.allOf(customer)).extracting(EvidenceEntry::personalData).containsExactly(PersonalData.ERASED,
                PersonalData.ERASED, PersonalData.NONE, PersonalData.NONE, PersonalData.READABLE);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retentionPrunesExpiredEntriesRecordsTheRunAndKeepsChainsVerifiable(Kind kind) {
        LedgerFixture f = fixtures.get(kind);
        String customer = "retention-" + kind;
        Instant old = Instant.now().minus(Duration.ofDays(500));
        for (int i = 0; i < 7; i++) {
            f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.JOURNEY_STEP, old.plusSeconds(i)).customer(customer)
                    .element("step-" + i).outcome("COMPLETED").personal("note", "old " + i).build()));
        }
        f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.DECISION, old).customer(customer).decision("SEND").build()));
        f.writer.appendAndWait(List.of(draft(EntryKind.JOURNEY_STEP, customer).element("recent").outcome("COMPLETED").build()));

        RetentionReport report = f.ledger.applyRetention("test");
        assertThat(report.pruned().get(EntryKind.JOURNEY_STEP)).as("batch limit 3: three runs").isGreaterThanOrEqualTo(7);
        List<EvidenceEntry> left = f.reader.allOf(customer);
        assertThat(left).extracting(EvidenceEntry::elementId).containsExactly(null, "recent");
        assertThat(left.getFirst().kind()).as("kinds without a retention period are kept").isEqualTo(EntryKind.DECISION);
        List<EvidenceEntry> runs = f.ledger.query(new LedgerQuery(null, null, null, null, null, Set.of(EntryKind.RETENTION_APPLIED),
                null, null, 0, 100)).entries();
        assertThat(runs).isNotEmpty().allSatisfy(run -> {
            assertThat(run.chainId()).isEqualTo(Chains.SYSTEM);
            assertThat(run.attributes()).containsKey("cutoff.JOURNEY_STEP").containsEntry("requestedBy", "test");
        });
        assertThat(f.ledger.verifyChain(customer).intact()).isTrue();
        assertThat(f.ledger.verifyChain(Chains.SYSTEM).intact()).isTrue();

        // hiding a recent entry by marking it pruned is detected: no retention run covers it
        LedgerDatabases.execute(f.db.dataSource(), """
                UPDATE ledger_entry SET element_id = NULL, outcome = NULL, customer_id = NULL, pruned_by_seq = ?
                WHERE chain_id = ? AND element_id = 'recent'""", report.recordedSeq(), customer);
        VerificationReport tampered = f.ledger.verifyChain(customer);
        assertThat(tampered.firstBroken().problem()).isEqualTo(Problem.PRUNE_NOT_COVERED);
        assertThat(tampered.firstBroken().seq()).isEqualTo(9);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void queriesFilterPageAndExport(Kind kind) throws Exception {
        LedgerFixture f = fixtures.get(kind);
        String customer = "query-" + kind;
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        long instance = 7_000_000L + kind.ordinal();
        f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.JOURNEY_STARTED, t0).customer(customer)
                .journey("spring-sale", 3, instance).attribute(ChainAppender.CAMPAIGN_ID, "sale-" + kind).build()));
        f.writer.appendAndWait(List.of(
                EntryDraft.builder(EntryKind.DECISION, t0.plusSeconds(1)).customer(customer).journey("spring-sale", 3, instance)
                        .channel("EMAIL").decision("SEND").idempotencyKey("q-1").build(),
                EntryDraft.builder(EntryKind.DELIVERY_ATTEMPT, t0.plusSeconds(1)).customer(customer).journey("spring-sale", 3, instance)
                        .channel("EMAIL").outcome("SENT").providerMessageId("<q-1@" + kind + ">").idempotencyKey("q-1").build()));
        f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.DECISION, t0.plusSeconds(2)).customer(customer)
                .journey("spring-sale", 3, instance).channel("SMS").decision("SUPPRESS").reason("NO_CONSENT").build()));
        f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.DECISION, t0.plusSeconds(3)).customer(customer)
                .journey("spring-sale", 3, instance).channel("PUSH").decision("DEFER").reason("QUIET_HOURS")
                .until(t0.plus(Duration.ofHours(10))).build()));
        // a provider status that arrived without a customer is still found by customer (through its message id)
        f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.PROVIDER_STATUS, t0.plusSeconds(4)).channel("EMAIL")
                .outcome("BOUNCED").providerMessageId("<q-1@" + kind + ">").build()));

        LedgerPage all = f.ledger.query(LedgerQuery.forCustomer(customer));
        assertThat(all.entries()).extracting(EvidenceEntry::kind).containsExactly(EntryKind.JOURNEY_STARTED, EntryKind.DECISION,
                EntryKind.DELIVERY_ATTEMPT, EntryKind.DECISION, EntryKind.DECISION, EntryKind.PROVIDER_STATUS);
        assertThat(all.entries().getLast().chainId()).isEqualTo(Chains.PROVIDER);
        assertThat(all.hasMore()).isFalse();

        assertThat(f.ledger.query(new LedgerQuery(customer, null, null, null, "suppress", Set.of(), null, null, 0, 10)).entries())
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("NO_CONSENT"));
        assertThat(f.ledger.query(new LedgerQuery(null, "sale-" + kind, null, "push", null, Set.of(), null, null, 0, 10)).entries())
                .singleElement().satisfies(e -> {
                    assertThat(e.decision()).isEqualTo("DEFER");
                    assertThat(e.until()).isEqualTo(t0.plus(Duration.ofHours(10)));
                    assertThat(e.journey()).isEqualTo("spring-sale:3");
                });
        assertThat(f.ledger.query(new LedgerQuery(customer, null, "spring-sale:3", null, null, Set.of(EntryKind.DECISION),
                t0.plusSeconds(2), t0.plusSeconds(4), 0, 10)).entries()).extracting(EvidenceEntry::channel).containsExactly("SMS", "PUSH");
        assertThat(f.ledger.query(new LedgerQuery(customer, null, "spring-sale:2", null, null, Set.of(), null, null, 0, 10)).entries()).isEmpty();

        LedgerPage first = f.ledger.query(LedgerQuery.forCustomer(customer).withPage(0, 4));
        LedgerPage second = f.ledger.query(LedgerQuery.forCustomer(customer).withPage(1, 4));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hasMore()).isFalse();
        assertThat(second.entries()).hasSize(2);

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        assertThat(f.ledger.export(LedgerQuery.forCustomer(customer), ExportFormat.JSONL, jsonl)).isEqualTo(6);
        List<String> lines = jsonl.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(3)).contains("\"decision\":\"SUPPRESS\"", "\"reason\":\"NO_CONSENT\"", "\"channel\":\"SMS\"");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        assertThat(f.ledger.export(LedgerQuery.forCustomer(customer), ExportFormat.CSV, csv)).isEqualTo(6);
        List<String> rows = csv.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(rows.getFirst()).startsWith("id,chain_id,seq,kind,occurred_at");
        assertThat(rows).hasSize(7);
        assertThat(rows.get(5)).contains(",PUSH,", ",DEFER,", ",QUIET_HOURS,", t0.plus(Duration.ofHours(10)).toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEntryTheDatabaseRefusesFailsAloneAndTheOthersOfItsBatchAreCommitted(Kind kind) {
        LedgerFixture f = fixtures.get(kind);
        List<java.util.concurrent.CompletableFuture<List<Appended>>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String reason = i == 5 ? "R".repeat(500) : "NO_CONSENT"; // the column holds 128 characters
            futures.add(f.writer.submit(List.of(draft(EntryKind.DECISION, "isolate-" + kind).decision("SUPPRESS").reason(reason).build())));
        }
        for (int i = 0; i < futures.size(); i++) {
            if (i == 5) {
                assertThat(futures.get(i)).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                        .havingRootCause().isInstanceOf(java.sql.SQLException.class);
            } else {
                assertThat(futures.get(i)).succeedsWithin(Duration.ofSeconds(30));
            }
        }
        VerificationReport report = f.ledger.verifyChain("isolate-" + kind);
        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(9);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMasterKeyThatDidNotWrapTheStoredKeysIsRefused(Kind kind) {
        LedgerFixture f = fixtures.get(kind);
        f.writer.appendAndWait(List.of(draft(EntryKind.CONSENT_CHANGE, "master-" + kind).personal("proof", "p").build()));
        f.keys.checkAgainst(f.store);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KeyRing(PersonalDataCipher.newKey()).checkAgainst(f.store))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the master key the ledger was written with");
    }

    @Test
    void timestampsRoundTripAtMicrosecondPrecisionOnBothDatabases() {
        Instant precise = Instant.parse("2026-11-22T10:15:30.123456789Z");
        for (Kind kind : Kind.values()) {
            LedgerFixture f = fixtures.get(kind);
            f.writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.TIMER_TRIGGERED, precise).customer("micro-" + kind)
                    .until(precise).build()));
            EvidenceEntry e = f.reader.allOf("micro-" + kind).getFirst();
            assertThat(e.occurredAt()).isEqualTo(precise.truncatedTo(ChronoUnit.MICROS));
            assertThat(e.until()).isEqualTo(precise.truncatedTo(ChronoUnit.MICROS));
            assertThat(f.ledger.verifyChain("micro-" + kind).intact()).isTrue();
        }
    }

    private static long id(LedgerFixture f, String chain, long seq) {
        Long id = new JdbcTemplate(f.db.dataSource()).queryForObject("SELECT id FROM ledger_entry WHERE chain_id = ? AND seq = ?",
                Long.class, chain, seq);
        return id == null ? -1 : id;
    }

    private static VerificationReport.BrokenLink link(VerificationReport report, String chain) {
        return report.brokenChains().stream().filter(l -> l.chainId().equals(chain)).findFirst().orElseThrow();
    }

    private static Object value(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v != null ? v : row.get(column.toUpperCase());
    }

    static List<String> rawTextContaining(LedgerFixture f, String value) throws Exception {
        return dev.touchpoint.ledger.DatabaseScan.columnsContaining(f.db.dataSource(), value);
    }
}
