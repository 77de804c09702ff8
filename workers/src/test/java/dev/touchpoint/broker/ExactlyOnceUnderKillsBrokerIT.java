package dev.touchpoint.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.email.sandbox.SandboxEmailSummary;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.cluster.LocalZeebeBroker;
import dev.touchpoint.delivery.TouchpointTaskTypes;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16.6: exactly once under killed processes, against a real Zeebe 8.5.8 broker (a local process on loopback,
 * {@link LocalZeebeBroker}). Touchpoint runs in remote mode in a child JVM ({@link KillProbe}) and sends the welcome
 * email of one journey per customer to an SMTP stand-in in this JVM. The child is SIGKILLed at chosen points of the
 * pipeline ({@link KillSwitch}: after the decision, after the SENDING evidence, after the relay accepted, after the
 * SENT evidence and before the job completes), round after round, and restarted on the same database; the broker
 * times the killed activations out and hands the jobs to the next incarnation. Then, per customer, counted at the
 * stand-in and in the ledger: exactly one email, or at most one with an UNCONFIRMED entry where the outcome was truly
 * unknown; no duplicates; every SENT backed by an email and every attempt by a SEND decision; chains verify.
 *
 * <p>Runs in the {@code broker} profile only ({@code ./touchpoint bench reliability}): it needs the 212 MB broker
 * distribution and several minutes. {@code -Dtouchpoint.kill.instances} (default 240) and
 * {@code -Dtouchpoint.kill.rounds} (default 8) size it; the counts are printed and written to
 * {@code target/reliability-results.md}.
 */
class ExactlyOnceUnderKillsBrokerIT {

    private static final String JOURNEY = "kill-check";
    private static final String DONE_TYPE = "kill-check.done";

    @TempDir Path dir;

    @Test
    void everyTouchpointIsDeliveredAtMostOnceAndAccountedForWhileTheTouchpointProcessIsKilled() throws Exception {
        int instances = Integer.getInteger("touchpoint.kill.instances", 240);
        int rounds = Integer.getInteger("touchpoint.kill.rounds", 8);
        long seed = Long.getLong("touchpoint.kill.seed", System.nanoTime());
        // true: the relay is taken to drop a second message with a Message-ID it accepted (counted per distinct
        // Message-ID), and Touchpoint is told so: interrupted emails are sent again instead of recorded UNCONFIRMED
        boolean relayDeduplicates = Boolean.getBoolean("touchpoint.kill.relay-dedup");
        Random random = new Random(seed);
        Path journeys = Files.createDirectories(dir.resolve("journeys"));
        BpmnModelInstance journey = Bpmn.createExecutableProcess(JOURNEY).startEvent()
                .serviceTask("send-welcome-email", task -> task.zeebeJobType(TouchpointTaskTypes.EMAIL_SEND)
                        .zeebeTaskHeader("templateId", "welcome")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInputExpression("{offerCode: \"KILL10\", offerPercent: 10, offerExpires: offerExpires}", "templateVariables"))
                .serviceTask("journey-done", task -> task.zeebeJobType(DONE_TYPE))
                .endEvent().done();
        Bpmn.writeModelToFile(journeys.resolve(JOURNEY + ".bpmn").toFile(), journey);

        try (LocalZeebeBroker broker = LocalZeebeBroker.single(dir).start();
             SandboxMailServer relay = new SandboxMailServer("127.0.0.1", 0, 100_000)) {
            broker.awaitReady(Duration.ofMinutes(3));
            relay.start();
            List<String> settings = IsolatedApplication.properties(
                    "server.port=0",
                    "touchpoint.engine.mode=remote",
                    "camunda.client.mode=self-managed",
                    "camunda.client.grpc-address=" + broker.gatewayAddress(),
                    "camunda.client.rest-address=http://127.0.0.1:1",
                    "camunda.client.prefer-rest-over-grpc=false",
                    "camunda.client.worker.defaults.timeout=PT15S",
                    "touchpoint.journeys.location=" + journeys,
                    "touchpoint.channels.email.sandbox.enabled=false",
                    "touchpoint.channels.email.smtp.host=127.0.0.1",
                    "touchpoint.channels.email.smtp.port=" + relay.port(),
                    "touchpoint.channels.email.smtp.tls-mode=none",
                    "touchpoint.channels.email.relay-deduplicates-message-id=" + relayDeduplicates);
            Map<KillSwitch.Point, Integer> kills = new EnumMap<>(KillSwitch.Point.class);
            List<String> pausedKeys = new ArrayList<>();
            Map<Long, Integer> customerOf = new ConcurrentHashMap<>();
            Set<Long> done = ConcurrentHashMap.newKeySet();

            try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create(broker.gatewayAddress()))
                    .restAddress(URI.create("http://127.0.0.1:1")).preferRestOverGrpc(false).build();
                 JobWorker finisher = client.newWorker().jobType(DONE_TYPE).handler((jobs, job) -> {
                     done.add(job.getProcessInstanceKey());
                     jobs.newCompleteCommand(job).send().join();
                 }).open()) {
                client.newDeployResourceCommand().addProcessModel(journey, JOURNEY + ".bpmn").send().join();
                for (int round = 0; round <= rounds; round++) {
                    KillSwitch.Point point = round < rounds ? KillSwitch.Point.values()[round % 4] : null;
                    // fresh journeys in every round, so each round's kill point is reached while others are in flight
                    int batch = round < rounds ? instances / (rounds + 1) : instances - rounds * (instances / (rounds + 1));
                    int nth = 1 + random.nextInt(Math.max(1, Math.min(12, batch / 2)));
                    Path log = dir.resolve("touchpoint-" + round + ".log");
                    Process touchpoint = startTouchpoint(settings, point == null ? null : point + ":" + nth,
                            round == 0 ? instances : 0, log);
                    try {
                        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                                .until(() -> output(log).contains("PROBE-READY") || !touchpoint.isAlive());
                        assertThat(touchpoint.isAlive()).as("Touchpoint did not start; %s", log).isTrue();
                        String expires = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
                        int first = customerOf.size();
                        for (int i = first; i < first + batch; i++) {
                            long key = client.newCreateInstanceCommand().bpmnProcessId(JOURNEY).latestVersion()
                                    .variables(Map.of("customerId", "kill-" + i, "offerExpires", expires))
                                    .send().join().getProcessInstanceKey();
                            customerOf.put(key, i);
                        }
                        if (point != null) {
                            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                                    .until(() -> output(log).contains("PAUSED-AT") || !touchpoint.isAlive()
                                            || done.size() == instances);
                            if (output(log).contains("PAUSED-AT")) {
                                touchpoint.destroyForcibly(); // SIGKILL while the pipeline stands at the point
                                kills.merge(point, 1, Integer::sum);
                                pausedKeys.add(output(log).lines().filter(l -> l.startsWith("PAUSED-AT"))
                                        .findFirst().orElseThrow().substring("PAUSED-AT ".length()));
                            }
                        } else {
                            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                                    .until(() -> done.size() == instances || !touchpoint.isAlive());
                        }
                    } finally {
                        if (touchpoint.isAlive()) {
                            touchpoint.destroy(); // graceful stop: the last round, or a round whose point was not reached
                        }
                        if (!touchpoint.waitFor(60, TimeUnit.SECONDS)) {
                            touchpoint.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        }
                    }
                }
                assertThat(done).as("journeys that completed (the last log: %s)", dir.resolve("touchpoint-" + rounds + ".log"))
                        .hasSize(instances);
            }

            Report report = count(settings, relay, customerOf, instances, kills, pausedKeys, broker, seed, relayDeduplicates);
            System.out.println(report.markdown());
            Files.writeString(Path.of("target", "reliability-results.md"), report.markdown());
            assertThat(report.duplicates).as("customers who got the email twice").isEmpty();
            assertThat(report.lost).as("customers without an email and without an UNCONFIRMED entry").isEmpty();
            assertThat(report.sentWithoutEmail).as("SENT entries without an email at the relay").isEmpty();
            assertThat(report.doubleSent).as("touchpoints with more than one SENT entry").isEmpty();
            assertThat(report.attemptWithoutDecision).as("attempts without a SEND decision").isEmpty();
            assertThat(report.verify).startsWith("Ledger intact:");
            assertThat(kills.values().stream().mapToInt(Integer::intValue).sum()).as("kills that landed").isEqualTo(rounds);
        }
    }

    private Process startTouchpoint(List<String> settings, String killAt, int customers, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        for (String property : List.of("spring.config.additional-location", "touchpoint.home")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        if (killAt != null) {
            command.add("-Dtouchpoint.kill.at=" + killAt);
        }
        command.add("-Dtouchpoint.kill.customers=" + customers);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KillProbe.class.getName()));
        settings.forEach(s -> command.add("--" + s));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String output(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** What the stand-in received and the ledger says, per customer. */
    private Report count(List<String> settings, SandboxMailServer relay, Map<Long, Integer> customerOf, int instances,
                         Map<KillSwitch.Point, Integer> kills, List<String> pausedKeys, LocalZeebeBroker broker, long seed,
                         boolean relayDeduplicates) {
        String url = settings.stream().filter(s -> s.startsWith("spring.datasource.url=")).findFirst().orElseThrow()
                .substring("spring.datasource.url=".length());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        Report report0 = new Report();
        Map<String, Integer> emails = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (SandboxEmailSummary mail : relay.messages()) {
            for (String to : mail.to()) {
                if (!relayDeduplicates || seen.add(to + " " + mail.messageId())) {
                    emails.merge(to, 1, Integer::sum);
                }
            }
            report0.received++;
        }
        Map<Long, List<String>> outcomes = new HashMap<>();
        sql.query("SELECT process_instance_key, outcome FROM ledger_entry WHERE kind = 'DELIVERY_ATTEMPT' AND process_id = ? ORDER BY id",
                rs -> {
                    outcomes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, JOURNEY);
        Map<Long, Integer> decisions = new HashMap<>();
        sql.query("SELECT process_instance_key FROM ledger_entry WHERE kind = 'DECISION' AND decision = 'SEND' AND process_id = ?",
                rs -> {
                    decisions.merge(rs.getLong(1), 1, Integer::sum);
                }, JOURNEY);
        Report report = report0;
        report.relayDeduplicates = relayDeduplicates;
        report.instances = instances;
        report.kills = kills;
        report.pausedKeys = pausedKeys;
        report.seed = seed;
        report.brokerLog = broker.logFile().toString();
        customerOf.forEach((instance, customer) -> {
            int mails = emails.getOrDefault("kill-" + customer + "@example.com", 0);
            List<String> attempts = outcomes.getOrDefault(instance, List.of());
            long sent = attempts.stream().filter("SENT"::equals).count();
            boolean unconfirmed = attempts.contains("UNCONFIRMED");
            report.emails += mails;
            report.sent += sent;
            if (unconfirmed) {
                report.unconfirmed++;
                if (mails == 0) {
                    report.unconfirmedWithoutEmail++;
                } else {
                    report.unconfirmedWithEmail++;
                }
            }
            if (mails > 1) {
                report.duplicates.add("kill-" + customer + " (" + mails + ")");
            }
            if (mails == 0 && !unconfirmed) {
                report.lost.add("kill-" + customer + " " + attempts);
            }
            if (sent > mails) {
                report.sentWithoutEmail.add("kill-" + customer + " " + attempts);
            }
            if (sent > 1) {
                report.doubleSent.add("kill-" + customer + " " + attempts);
            }
            if (!attempts.isEmpty() && decisions.getOrDefault(instance, 0) == 0) {
                report.attemptWithoutDecision.add("kill-" + customer);
            }
            if (mails == 1 && sent == 1 && !unconfirmed) {
                report.exactlyOnce++;
            }
        });
        report.verify = dev.touchpoint.ledger.LedgerVerify.verify(url, "sa", "");
        return report;
    }

    /** The counts of one run. */
    static final class Report {
        int instances;
        Map<KillSwitch.Point, Integer> kills = new LinkedHashMap<>();
        List<String> pausedKeys = List.of();
        long seed;
        String brokerLog;
        boolean relayDeduplicates;
        int received;
        int emails;
        long sent;
        int exactlyOnce;
        int unconfirmed;
        int unconfirmedWithEmail;
        int unconfirmedWithoutEmail;
        final List<String> duplicates = new ArrayList<>();
        final List<String> lost = new ArrayList<>();
        final List<String> sentWithoutEmail = new ArrayList<>();
        final List<String> doubleSent = new ArrayList<>();
        final List<String> attemptWithoutDecision = new ArrayList<>();
        String verify;

        String markdown() {
            return "### Reliability run " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0) + "\n\n"
                    + "| what | count |\n|---|---|\n"
                    + "| journey instances (one welcome email each, one customer each) | " + instances + " |\n"
                    + "| SIGKILLs of the Touchpoint process, by point | " + kills + " |\n"
                    + "| relay de-duplicates by Message-ID (counted per distinct Message-ID) | " + (relayDeduplicates ? "yes" : "no") + " |\n"
                    + "| messages the SMTP stand-in received / emails counted | " + received + " / " + emails + " |\n"
                    + "| delivered exactly once (one email, one SENT entry) | " + exactlyOnce + " |\n"
                    + "| UNCONFIRMED (outcome unknown, not sent again): with an email / without | " + unconfirmed + ": "
                    + unconfirmedWithEmail + " / " + unconfirmedWithoutEmail + " |\n"
                    + "| customers with two or more emails (duplicates) | " + duplicates.size() + " |\n"
                    + "| customers without email and without UNCONFIRMED (lost) | " + lost.size() + " |\n"
                    + "| SENT entries without an email / touchpoints with two SENT entries | " + sentWithoutEmail.size() + " / "
                    + doubleSent.size() + " |\n"
                    + "| delivery attempts without a SEND decision | " + attemptWithoutDecision.size() + " |\n"
                    + "| ledger verify | " + verify.lines().findFirst().orElse("") + " |\n\n"
                    + "Kill points hit (point, idempotency key): " + pausedKeys + "; seed " + seed + "\n";
        }
    }
}
