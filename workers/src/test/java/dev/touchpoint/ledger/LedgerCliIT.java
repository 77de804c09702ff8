package dev.touchpoint.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.LedgerDatabases.Kind;
import dev.touchpoint.ledger.internal.ChainAppender;
import dev.touchpoint.ledger.internal.EntryDraft;
import dev.touchpoint.ledger.internal.KeyRing;
import dev.touchpoint.ledger.internal.LedgerStore;
import dev.touchpoint.ledger.internal.LedgerWriter;
import dev.touchpoint.ledger.internal.PersonalDataCipher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code LedgerCli} against both databases: verify, pinpoint a tampered entry, export, and clear errors. */
class LedgerCliIT {

    @TempDir Path dir;

    record Result(int status, String out, String err) {
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void verifiesPinpointsAndExportsStraightFromTheDatabase(Kind kind) throws Exception {
        LedgerDatabases.Database db = LedgerDatabases.create(kind);
        SecretKey master = PersonalDataCipher.newKey();
        Path keyFile = Files.writeString(dir.resolve("ledger-master.key"), Base64.getEncoder().encodeToString(master.getEncoded()));
        try (LedgerWriter writer = new LedgerWriter(new ChainAppender(new LedgerStore(db.dataSource()), new KeyRing(master), Clock.systemUTC()),
                new LedgerWriter.Settings(32, Duration.ZERO, 100, Duration.ofSeconds(30)), null)) {
            for (int i = 0; i < 5; i++) {
                writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.DECISION, Instant.now()).customer("cli-" + (i % 2))
                        .channel("SMS").decision("SUPPRESS").reason("NO_CONSENT").idempotencyKey("cli-key-" + i)
                        .personal("detail", "no consent, number +49 151 " + i).build()));
            }
            writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.JOURNEY_STEP, Instant.now()).customer("cli-0")
                    .element("send-sms").outcome("COMPLETED").build()));
        }

        Result ok = cli(db, "verify");
        assertThat(ok.status()).as(ok.err()).isEqualTo(LedgerCli.OK);
        assertThat(ok.out()).startsWith("Ledger intact: 6 entries in 2 chains verified");

        Path csv = dir.resolve("cli-0.csv");
        Result exported = cli(db, "export", "--format", "csv", "--customer", "cli-0", "--out", csv.toString(),
                "--touchpoint.ledger.encryption.master-key-file=" + keyFile);
        assertThat(exported.status()).as(exported.err()).isEqualTo(LedgerCli.OK);
        assertThat(exported.err()).contains("4 entries written to");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1)).contains("cli-0", "SUPPRESS", "NO_CONSENT", "no consent, number +49 151 0", "READABLE");

        Result sealed = cli(db, "export", "--kind", "decision", "--customer", "cli-1",
                "--touchpoint.ledger.encryption.master-key-file=" + dir.resolve("no-such.key"));
        assertThat(sealed.status()).isEqualTo(LedgerCli.OK);
        assertThat(sealed.err()).contains("no master key found");
        assertThat(sealed.out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"personalData\":\"SEALED\"").doesNotContain("+49 151"));

        long id = new JdbcTemplate(db.dataSource()).queryForObject(
                "SELECT id FROM ledger_entry WHERE chain_id = 'cli-1' AND seq = 2", Long.class);
        LedgerDatabases.execute(db.dataSource(), "UPDATE ledger_entry SET decision = 'SEND' WHERE id = ?", id);
        Result broken = cli(db, "verify");
        assertThat(broken.status()).isEqualTo(LedgerCli.BROKEN);
        assertThat(broken.out()).contains("Ledger BROKEN: 1 broken chain",
                "First broken link: chain cli-1 seq 2 (entry id " + id + "): CONTENT_ALTERED");
        Result json = cli(db, "verify", "--chain", "cli-1", "--json");
        assertThat(json.status()).isEqualTo(LedgerCli.BROKEN);
        assertThat(json.out()).contains("\"intact\" : false", "\"entryId\" : " + id);
        assertThat(cli(db, "verify", "--chain", "cli-0").status()).isEqualTo(LedgerCli.OK);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAuditorCanRecomputeEveryHashFromAJsonLinesExportWithTheDocumentedFormat(Kind kind) throws Exception {
        LedgerDatabases.Database db = LedgerDatabases.create(kind);
        SecretKey master = PersonalDataCipher.newKey();
        try (LedgerWriter writer = new LedgerWriter(new ChainAppender(new LedgerStore(db.dataSource()), new KeyRing(master), Clock.systemUTC()),
                new LedgerWriter.Settings(32, Duration.ZERO, 100, Duration.ofSeconds(30)), null)) {
            writer.appendAndWait(List.of(
                    EntryDraft.builder(EntryKind.DECISION, Instant.parse("2026-11-22T10:15:30.123456789Z")).customer("audit")
                            .journey("welcome", 3, 2251799813685249L).element("send-sms").channel("SMS").template("welcome", "1.0.0")
                            .decision("DEFER").reason("QUIET_HOURS").until(Instant.parse("2026-11-23T07:00:00Z"))
                            .consentSnapshot("{\"customer\":\"known\",\"consents\":[]}").idempotencyKey("tp-1-2")
                            .attribute("b", "2").attribute("a", "1").personal("detail", "Zoë asked for no texts at night").build(),
                    // a second after the decision, whatever the machine's date (the export is in time order)
                    EntryDraft.builder(EntryKind.JOURNEY_STEP, Instant.parse("2026-11-22T10:15:31Z")).customer("audit").element("wait")
                            .outcome("COMPLETED").build()));
        }
        Result export = cli(db, "export", "--customer", "audit", "--touchpoint.ledger.encryption.master-key-file=" + dir.resolve("none"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String previous = "0".repeat(64);
        List<String> lines = export.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode e = json.readTree(line);
            com.fasterxml.jackson.databind.JsonNode attributes = e.path("attributes");
            String digest = sha256(serialise("touchpoint-ledger-content/1", text(e, "customerId"), text(e, "processId"),
                    text(e, "processVersion"), text(e, "processInstanceKey"), text(e, "elementId"), text(e, "channel"),
                    text(e, "templateId"), text(e, "templateVersion"), text(e, "contentSha256"), text(e, "decision"),
                    text(e, "outcome"), text(e, "reason"), text(e, "until"),
                    e.has("consentSnapshot") ? e.get("consentSnapshot").toString() : null, text(e, "providerMessageId"),
                    text(e, "idempotencyKey"), attributes.isEmpty() ? null : json.writeValueAsString(new java.util.TreeMap<>(
                            json.convertValue(attributes, java.util.Map.class))),
                    text(e, "sealedPersonalData"), text(e, "keyId")));
            assertThat(digest).isEqualTo(text(e, "contentDigest"));
            assertThat(text(e, "prevHash")).isEqualTo(previous);
            String hash = sha256(serialise("touchpoint-ledger-entry/1", text(e, "chainId"), text(e, "seq"), previous,
                    text(e, "kind"), text(e, "occurredAt"), text(e, "recordedAt"), digest));
            assertThat(hash).isEqualTo(text(e, "hash"));
            previous = hash;
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode entry, String field) {
        return entry.hasNonNull(field) ? entry.get(field).asText() : null;
    }

    /** docs/compliance-guide.md, "Checking the hashes yourself". */
    private static String serialise(String... values) {
        StringBuilder text = new StringBuilder();
        for (String v : values) {
            text.append(v == null ? "-" : v.getBytes(StandardCharsets.UTF_8).length + ":" + v).append('\n');
        }
        return text.toString();
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "H2")
    void explainsUsageAndMissingDatabases(Kind kind) {
        Result usage = run("frobnicate");
        assertThat(usage.status()).isEqualTo(LedgerCli.ERROR);
        assertThat(usage.err()).contains("unknown command 'frobnicate'", "Usage: LedgerCli");
        assertThat(run("verify", "--chain").err()).contains("--chain needs a value");
        assertThat(run("export", "--colour", "red").err()).contains("unknown option '--colour'");
        Result missing = run("verify", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("nothing-here/touchpoint"),
                "--spring.datasource.username=sa", "--spring.datasource.password=");
        assertThat(missing.status()).isEqualTo(LedgerCli.ERROR);
        assertThat(missing.err()).contains("cannot read the ledger database");
        assertThat(dir.resolve("nothing-here")).as("no empty database is created").doesNotExist();
    }

    private Result cli(LedgerDatabases.Database db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + db.url());
        all.add("--spring.datasource.username=" + db.user());
        all.add("--spring.datasource.password=" + db.password());
        return run(all.toArray(String[]::new));
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
