package dev.touchpoint.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.channel.email.sandbox.SandboxEmailSummary;
import dev.touchpoint.channel.email.sandbox.SandboxMailServer;
import dev.touchpoint.channel.push.sandbox.FcmSandbox;
import dev.touchpoint.channel.push.sandbox.SandboxPush;
import dev.touchpoint.channel.sms.sandbox.SandboxSms;
import dev.touchpoint.channel.sms.sandbox.TwilioSandbox;
import dev.touchpoint.cluster.LocalZeebeBroker;
import dev.touchpoint.tasks.TaskNames.Types;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import java.util.Optional;
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
 * email, SMS and push of one journey per customer to stand-ins in this JVM (an SMTP relay, the Twilio Messages API,
 * FCM's HTTP v1 API with its OAuth token endpoint), which outlive every kill. The child is SIGKILLed at chosen points of the
 * pipeline ({@link KillSwitch}: after the decision, after the SENDING evidence, after the relay accepted, after the
 * SENT evidence and before the job completes), round after round, and restarted on the same database; the broker
 * times the killed activations out and hands the jobs to the next incarnation. Then, per customer, counted at the
 * stand-in and in the ledger, per channel: exactly one message, or at most one with an UNCONFIRMED entry where the
 * outcome was truly unknown; no duplicates; every SENT backed by a message and every attempt by a SEND decision;
 * chains verify.
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
                .serviceTask("send-welcome-email", task -> task.zeebeJobType(Types.EMAIL_SEND)
                        .zeebeTaskHeader("templateId", "welcome")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInputExpression("{offerCode: \"KILL10\", offerPercent: 10, offerExpires: offerExpires}", "templateVariables"))
                .serviceTask("send-welcome-sms", task -> task.zeebeJobType(Types.SMS_SEND)
                        .zeebeTaskHeader("templateId", "welcome")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInputExpression("{offerCode: \"KILL10\", offerPercent: 10, offerExpires: offerExpires}", "templateVariables"))
                .serviceTask("send-welcome-push", task -> task.zeebeJobType(Types.PUSH_SEND)
                        .zeebeTaskHeader("templateId", "welcome")
                        .zeebeInputExpression("customerId", "customerId")
                        .zeebeInputExpression("{offerCode: \"KILL10\", offerPercent: 10, offerExpires: offerExpires}", "templateVariables"))
                .serviceTask("journey-done", task -> task.zeebeJobType(DONE_TYPE))
                .endEvent().done();
        Bpmn.writeModelToFile(journeys.resolve(JOURNEY + ".bpmn").toFile(), journey);

        try (LocalZeebeBroker broker = LocalZeebeBroker.single(dir).start();
             SandboxMailServer relay = new SandboxMailServer("127.0.0.1", 0, 100_000);
             TwilioSandbox twilio = new TwilioSandbox("127.0.0.1", 0, 100_000, Duration.ofSeconds(1), Optional::empty,
                     Clock.systemUTC());
             FcmSandbox fcm = new FcmSandbox("127.0.0.1", 0, 100_000, Clock.systemUTC())) {
            broker.awaitReady(Duration.ofMinutes(3));
            relay.start();
            twilio.start();
            fcm.start();
            Path fcmKey = dir.resolve("fcm-service-account.json");
            try (var key = fcm.serviceAccountJson()) {
                Files.write(fcmKey, key.readAllBytes());
            }
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
                    "touchpoint.channels.email.relay-deduplicates-message-id=" + relayDeduplicates,
                    "touchpoint.channels.sms.sandbox.enabled=false",
                    "touchpoint.channels.sms.twilio.account-sid=" + twilio.accountSid(),
                    "touchpoint.channels.sms.twilio.auth-token=" + twilio.authToken(),
                    "touchpoint.channels.sms.twilio.from=+15005550006",
                    "touchpoint.channels.sms.twilio.api-base-url=" + twilio.baseUrl(),
                    "touchpoint.channels.sms.rate-limit.enabled=false",
                    "touchpoint.channels.push.sandbox.enabled=false",
                    "touchpoint.channels.push.fcm.credentials-location=file:" + fcmKey.toAbsolutePath(),
                    "touchpoint.channels.push.fcm.api-base-url=" + fcm.baseUrl(),
                    "touchpoint.channels.push.fcm.token-uri=" + fcm.tokenUri());
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
                        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(50))
                                .until(() -> output(log).contains("PROBE-READY") || !touchpoint.isAlive());
                        assertThat(touchpoint.isAlive()).as("Touchpoint did not start; %s", log).isTrue();
                        String expires = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
                        int first = customerOf.size();
                        for (int i = first; i < first + batch; i++) {
                            customerOf.put(create(client, Map.of("customerId", "kill-" + i, "offerExpires", expires)), i);
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

            Report report = count(settings, relay, twilio, fcm, customerOf, instances, kills, pausedKeys, broker, seed, relayDeduplicates);
            System.out.println(report.markdown());
            Files.writeString(Path.of("target", "reliability-results.md"), report.markdown());
            for (Tally tally : report.channels.values()) {
                assertThat(tally.duplicates).as("%s: customers who got it twice", tally.channel).isEmpty();
                assertThat(tally.lost).as("%s: customers without a message and without an UNCONFIRMED entry", tally.channel).isEmpty();
                assertThat(tally.sentWithoutMessage).as("%s: SENT entries without a message at the stand-in", tally.channel).isEmpty();
                assertThat(tally.doubleSent).as("%s: touchpoints with more than one SENT entry", tally.channel).isEmpty();
                assertThat(tally.attemptWithoutDecision).as("%s: attempts without a SEND decision", tally.channel).isEmpty();
            }
            assertThat(report.verify).startsWith("Ledger intact:");
            assertThat(kills.values().stream().mapToInt(Integer::intValue).sum()).as("kills that landed").isEqualTo(rounds);
        }
    }

    /**
     * Creates one journey instance; a broker under backpressure (RESOURCE_EXHAUSTED: the command was rejected, not
     * executed) is asked again, for at most two minutes.
     */
    private static long create(CamundaClient client, Map<String, Object> variables) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                return client.newCreateInstanceCommand().bpmnProcessId(JOURNEY).latestVersion().variables(variables)
                        .send().join().getProcessInstanceKey();
            } catch (io.camunda.client.api.command.ClientStatusException e) {
                if (e.getStatusCode() != io.grpc.Status.Code.RESOURCE_EXHAUSTED || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
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

    /** What the stand-ins received and the ledger says, per customer and channel. */
    private Report count(List<String> settings, SandboxMailServer relay, TwilioSandbox twilio, FcmSandbox fcm,
                         Map<Long, Integer> customerOf, int instances, Map<KillSwitch.Point, Integer> kills,
                         List<String> pausedKeys, LocalZeebeBroker broker, long seed, boolean relayDeduplicates) {
        String url = settings.stream().filter(s -> s.startsWith("spring.datasource.url=")).findFirst().orElseThrow()
                .substring("spring.datasource.url=".length());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        JdbcTemplate sql = new JdbcTemplate(dataSource);
        Report report = new Report();
        report.relayDeduplicates = relayDeduplicates;
        report.instances = instances;
        report.kills = kills;
        report.pausedKeys = pausedKeys;
        report.seed = seed;
        report.brokerLog = broker.logFile().toString();

        // what each customer received, per channel, keyed by customer number
        Tally email = report.tally("EMAIL");
        Set<String> seen = new java.util.HashSet<>();
        for (SandboxEmailSummary mail : relay.messages()) {
            for (String to : mail.to()) {
                if (!relayDeduplicates || seen.add(to + " " + mail.messageId())) {
                    email.received.merge(KillProbe.customerOfEmail(to), 1, Integer::sum);
                }
            }
            email.arrived++;
        }
        Tally sms = report.tally("SMS");
        for (SandboxSms message : twilio.messages()) {
            sms.received.merge(KillProbe.customerOfPhone(message.to()), 1, Integer::sum);
            sms.arrived++;
        }
        Tally push = report.tally("PUSH");
        for (SandboxPush message : fcm.messages()) {
            if (message.httpStatus() == 200) {
                push.received.merge(KillProbe.customerOfPushToken(message.token()), 1, Integer::sum);
            }
            push.arrived++;
        }

        Map<String, List<String>> outcomes = new HashMap<>();
        sql.query("SELECT process_instance_key, channel, outcome FROM ledger_entry WHERE kind = 'DELIVERY_ATTEMPT' AND process_id = ? ORDER BY id",
                rs -> {
                    outcomes.computeIfAbsent(rs.getLong(1) + " " + rs.getString(2), k -> new ArrayList<>()).add(rs.getString(3));
                }, JOURNEY);
        Map<String, Integer> decisions = new HashMap<>();
        sql.query("SELECT process_instance_key, channel FROM ledger_entry WHERE kind = 'DECISION' AND decision = 'SEND' AND process_id = ?",
                rs -> {
                    decisions.merge(rs.getLong(1) + " " + rs.getString(2), 1, Integer::sum);
                }, JOURNEY);
        for (Tally tally : report.channels.values()) {
            customerOf.forEach((instance, customer) -> {
                String key = instance + " " + tally.channel;
                int messages = tally.received.getOrDefault(customer, 0);
                List<String> attempts = outcomes.getOrDefault(key, List.of());
                long sent = attempts.stream().filter("SENT"::equals).count();
                boolean unconfirmed = attempts.contains("UNCONFIRMED");
                tally.messages += messages;
                tally.sent += sent;
                if (unconfirmed) {
                    tally.unconfirmed++;
                    if (messages == 0) {
                        tally.unconfirmedWithoutMessage++;
                    } else {
                        tally.unconfirmedWithMessage++;
                    }
                }
                if (messages > 1) {
                    tally.duplicates.add("kill-" + customer + " (" + messages + ")");
                }
                if (messages == 0 && !unconfirmed) {
                    tally.lost.add("kill-" + customer + " " + attempts);
                }
                if (sent > messages) {
                    tally.sentWithoutMessage.add("kill-" + customer + " " + attempts);
                }
                if (sent > 1) {
                    tally.doubleSent.add("kill-" + customer + " " + attempts);
                }
                if (!attempts.isEmpty() && decisions.getOrDefault(key, 0) == 0) {
                    tally.attemptWithoutDecision.add("kill-" + customer);
                }
                if (messages == 1 && sent == 1 && !unconfirmed) {
                    tally.exactlyOnce++;
                }
            });
        }
        report.verify = dev.touchpoint.ledger.LedgerVerify.verify(url, "sa", "");
        return report;
    }

    /** The counts of one channel. */
    static final class Tally {
        final String channel;
        /** Messages per customer number, as the stand-in counts them. */
        final Map<Integer, Integer> received = new HashMap<>();
        int arrived;
        int messages;
        long sent;
        int exactlyOnce;
        int unconfirmed;
        int unconfirmedWithMessage;
        int unconfirmedWithoutMessage;
        final List<String> duplicates = new ArrayList<>();
        final List<String> lost = new ArrayList<>();
        final List<String> sentWithoutMessage = new ArrayList<>();
        final List<String> doubleSent = new ArrayList<>();
        final List<String> attemptWithoutDecision = new ArrayList<>();

        Tally(String channel) {
            this.channel = channel;
        }
    }

    /** The counts of one run. */
    static final class Report {
        int instances;
        Map<KillSwitch.Point, Integer> kills = new LinkedHashMap<>();
        List<String> pausedKeys = List.of();
        long seed;
        String brokerLog;
        boolean relayDeduplicates;
        final Map<String, Tally> channels = new LinkedHashMap<>();
        String verify;

        Tally tally(String channel) {
            return channels.computeIfAbsent(channel, Tally::new);
        }

        String markdown() {
            StringBuilder md = new StringBuilder("### Reliability run " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0) + "\n\n");
            md.append("Journey instances: ").append(instances).append(" (welcome email, SMS and push; one customer each). SIGKILLs of")
                    .append(" the Touchpoint process, by point: ").append(kills).append(". Relay de-duplicates by Message-ID: ")
                    .append(relayDeduplicates ? "yes (counted per distinct Message-ID)" : "no").append(".\n\n");
            md.append("| what |");
            channels.keySet().forEach(c -> md.append(' ').append(c).append(" |"));
            md.append("\n|---|");
            channels.keySet().forEach(c -> md.append("---|"));
            md.append('\n');
            row(md, "requests at the stand-in / messages counted", t -> t.arrived + " / " + t.messages);
            row(md, "delivered exactly once (one message, one SENT entry)", t -> String.valueOf(t.exactlyOnce));
            row(md, "UNCONFIRMED (outcome unknown, not sent again): with a message / without",
                    t -> t.unconfirmed + ": " + t.unconfirmedWithMessage + " / " + t.unconfirmedWithoutMessage);
            row(md, "customers with two or more messages (duplicates)", t -> String.valueOf(t.duplicates.size()));
            row(md, "customers without a message and without UNCONFIRMED (lost)", t -> String.valueOf(t.lost.size()));
            row(md, "SENT entries without a message / touchpoints with two SENT entries",
                    t -> t.sentWithoutMessage.size() + " / " + t.doubleSent.size());
            row(md, "delivery attempts without a SEND decision", t -> String.valueOf(t.attemptWithoutDecision.size()));
            md.append("\nLedger verify: ").append(verify.lines().findFirst().orElse("")).append("\n\n")
                    .append("Kill points hit (point, idempotency key): ").append(pausedKeys).append("; seed ").append(seed).append('\n');
            return md.toString();
        }

        private void row(StringBuilder md, String what, java.util.function.Function<Tally, String> value) {
            md.append("| ").append(what).append(" |");
            channels.values().forEach(t -> md.append(' ').append(value.apply(t)).append(" |"));
            md.append('\n');
        }
    }
}
