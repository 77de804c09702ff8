package dev.touchpoint.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.ledger.internal.ChainAppender;
import dev.touchpoint.ledger.internal.EntryDraft;
import dev.touchpoint.ledger.internal.KeyRing;
import dev.touchpoint.ledger.internal.LedgerStore;
import dev.touchpoint.ledger.internal.LedgerWriter;
import dev.touchpoint.ledger.internal.PersonalDataCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The crash test: the application, in a JVM of its own, is killed (SIGKILL) in the middle of a burst of sends. After
 * the restart on the same H2 file, the ledger's write-then-complete ordering must hold in both directions:
 * <ul>
 *   <li>every message that reached the provider stub has its evidence (the attempt was recorded, and acknowledged,
 *       before the provider was called);</li>
 *   <li>no entry claims a send the provider stub did not receive (SENT is recorded only after the provider took it);</li>
 *   <li>every chain verifies (no torn or half-written entry), and appending continues where the chains stopped.</li>
 * </ul>
 */
class LedgerCrashIT {

    @TempDir Path dir;

    @Test
    void afterAKillMidBurstEveryProviderReceiptHasItsEvidenceAndNoEntryClaimsAnUnreceivedSend() throws Exception {
        Path db = Files.createDirectories(dir.resolve("db"));
        Path providerFile = dir.resolve("provider-received.txt");
        Path log = dir.resolve("probe.log");
        byte[] keyBytes = new byte[32];
        new java.security.SecureRandom().nextBytes(keyBytes);
        String masterKey = Base64.getEncoder().encodeToString(keyBytes);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : List.of("spring.config.additional-location", "touchpoint.home", "touchpoint.engine.embedded.port")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerCrashProbe.class.getName(),
                db.toString(), providerFile.toString(), masterKey,
                Path.of("src/test/resources/journeys/valid").toAbsolutePath().toString()));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !probe.isAlive() || receivedLines(providerFile).size() >= 600);
            assertThat(probe.isAlive()).as("the probe is still sending; output:%n%s", output(log)).isTrue();
        } finally {
            probe.destroyForcibly();
            probe.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(output(log)).contains("BURST-STARTED").doesNotContain("BURST-DONE");

        // "restart": open the same database file again
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + db.resolve("touchpoint") + ";DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        JdbcTemplate sql = new JdbcTemplate(dataSource);

        Map<String, String> received = new HashMap<>();
        for (String line : receivedLines(providerFile)) {
            String[] parts = line.split(" ");
            received.put(parts[0], parts[1]);
        }
        Set<String> attempted = new HashSet<>(sql.queryForList(
                "SELECT idempotency_key FROM ledger_entry WHERE kind = 'DELIVERY_ATTEMPT' AND outcome = 'STARTED'", String.class));
        Set<String> decided = new HashSet<>(sql.queryForList(
                "SELECT idempotency_key FROM ledger_entry WHERE kind = 'DECISION' AND decision = 'SEND'", String.class));
        Map<String, String> claimedSent = new HashMap<>();
        sql.query("SELECT idempotency_key, provider_message_id FROM ledger_entry WHERE kind = 'DELIVERY_ATTEMPT' AND outcome = 'SENT'",
                rs -> {
                    claimedSent.put(rs.getString(1), rs.getString(2));
                });

        assertThat(received.keySet().stream().filter(k -> !attempted.contains(k)).toList())
                .as("messages the provider received without a recorded attempt (of %d received)", received.size()).isEmpty();
        assertThat(received.keySet().stream().filter(k -> !decided.contains(k)).toList())
                .as("messages the provider received without a SEND decision").isEmpty();
        assertThat(claimedSent.entrySet().stream().filter(e -> !e.getValue().equals(received.get(e.getKey()))).toList())
                .as("SENT entries for messages the provider did not receive").isEmpty();
        // the crash cut in-flight sends at most once per sending thread, in either gap
        assertThat(received.size() - claimedSent.size()).isBetween(0, LedgerCrashProbe.THREADS);
        assertThat(attempted.size() - received.size()).isBetween(0, LedgerCrashProbe.THREADS);
        assertThat(claimedSent.size()).isGreaterThanOrEqualTo(600 - LedgerCrashProbe.THREADS);

        // the recovered ledger verifies, with the command-line tool an operator would use
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerCli.run(new String[]{"verify", "--spring.datasource.url=" + dataSource.getURL(),
                "--spring.datasource.username=sa", "--spring.datasource.password="}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(status).as("%s%s", out, err).isEqualTo(LedgerCli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Ledger intact:");

        // and appending continues on the crashed chains
        LedgerStore store = new LedgerStore(dataSource);
        try (LedgerWriter writer = new LedgerWriter(new ChainAppender(store, new KeyRing(PersonalDataCipher.key(Base64.getDecoder().decode(masterKey))),
                Clock.systemUTC()), new LedgerWriter.Settings(16, Duration.ZERO, 100, Duration.ofSeconds(30)), null)) {
            writer.appendAndWait(List.of(EntryDraft.builder(EntryKind.PROVIDER_STATUS, Instant.now()).customer("crash-customer-1")
                    .outcome("DELIVERED").providerMessageId("stub-1").personal("note", "after restart").build()));
        }
        status = LedgerCli.run(new String[]{"verify", "--chain", "crash-customer-1", "--spring.datasource.url=" + dataSource.getURL(),
                "--spring.datasource.username=sa", "--spring.datasource.password="}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(status).as("%s%s", out, err).isEqualTo(LedgerCli.OK);
    }

    /** The complete lines of the provider stub file (a line cut by the kill has no newline and did not reach it). */
    private static List<String> receivedLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    private static String output(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
