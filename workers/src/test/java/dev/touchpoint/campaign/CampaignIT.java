package dev.touchpoint.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TestClock;
import dev.touchpoint.campaign.internal.CampaignLauncher;
import dev.touchpoint.campaign.internal.CampaignProperties;
import dev.touchpoint.campaign.internal.CampaignRepository;

import dev.touchpoint.campaign.internal.InstanceStarter;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerContextStore;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.engine.EngineRuntime;
import dev.touchpoint.journey.RunningJourneys;
import dev.touchpoint.security.Roles;
import dev.touchpoint.security.TestUsers;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Campaigns on the whole application with a probe journey (start, one-day timer, end) on the embedded engine:
 * dry-run counts against an independent count, the throttle over a run, pause/resume, and a launcher stopped mid-launch
 * (with a start that reached the engine and one that did not) ending with everyone started exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CampaignIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        IsolatedApplication.register(registry,
                "touchpoint.journeys.location=" + Path.of("src/test/resources/journeys/campaign").toAbsolutePath(),
                "touchpoint.campaigns.poll-interval=100ms",
                "touchpoint.context.samples.enabled=false");
    }

    @LocalServerPort int port;
    @Autowired CustomerContextStore customers;
    @Autowired Campaigns campaigns;
    @Autowired CampaignRepository repository;
    @Autowired CampaignLauncher launcher;
    @Autowired CampaignProperties properties;
    @Autowired InstanceStarter starter;
    @Autowired EngineRuntime engine;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired RunningJourneys journeys;

    @AfterAll
    static void close() {
        HTTP.close();
    }

    @Test
    void dryRunCountsMatchAnIndependentCountAndStartNothing() throws Exception {
        String store = "dry-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> expectedChannel = new HashMap<>();
        Map<String, Long> expectedSuppressed = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            customer(store, true, false, Channel.EMAIL);
            expectedChannel.merge("EMAIL", 1L, Long::sum);
        }
        for (int i = 0; i < 3; i++) {
            customer(store, false, true, Channel.SMS);
            expectedChannel.merge("SMS", 1L, Long::sum);
        }
        for (int i = 0; i < 2; i++) {
            customer(store, true, true);
            expectedSuppressed.merge("NO_CONSENT", 1L, Long::sum);
        }
        for (int i = 0; i < 2; i++) {
            customer(store, false, false, Channel.EMAIL);
            expectedSuppressed.merge("UNREACHABLE", 1L, Long::sum);
        }
        for (int i = 0; i < 2; i++) {
            // asleep: marketing quiet hours (21:00-08:00 in the customer's zone) hold the first touchpoint
            customer(store, true, false, zoneWhereItIs(3), Channel.EMAIL);
            expectedSuppressed.merge("QUIET_HOURS", 1L, Long::sum);
        }
        for (int i = 0; i < 2; i++) {
            // today's marketing budget already spent, by real decisions (until the real decision says so)
            String spent = customer(store, true, false, Channel.EMAIL);
            boolean exhausted = false;
            for (int sends = 0; sends < 20 && !exhausted; sends++) {
                TouchpointDecision decision = customers.decide(new TouchpointRequest(spent, Channel.EMAIL, Purpose.MARKETING,
                        Priority.NORMAL, "earlier-journey", "welcome@1", "earlier-" + sends, null, null));
                if (decision instanceof TouchpointDecision.Send send) {
                    customers.confirm(send.reservation(), "earlier-message-" + sends);
                }
                exhausted = decision instanceof TouchpointDecision.Suppress suppress
                        && suppress.reason() == SuppressionReason.BUDGET_EXHAUSTED;
            }
            assertThat(exhausted).isTrue();
            expectedSuppressed.merge("BUDGET_EXHAUSTED", 1L, Long::sum);
        }
        customer("another-store", true, true, Channel.EMAIL);

        String body = "{\"name\":\"Dry\",\"processId\":\"campaign-probe\",\"throttle\":5,\"smsTemplate\":\"winback-offer\","
                + "\"filter\":{\"stores\":[\"" + store + "\"]},"
                + "\"variables\":{\"offerCode\":\"COMEBACK20\",\"offerPercent\":20,\"offerExpires\":\"2026-12-31\",\"lastOrderDate\":\"2026-05-01\"}}";
        assertThat(http("POST", "/api/campaigns", body, Roles.DESIGNER).statusCode()).isEqualTo(403);
        HttpResponse<String> created = http("POST", "/api/campaigns", body, Roles.MARKETING);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asText();

        HttpResponse<String> dry = http("POST", "/api/campaigns/" + id + "/dry-run", "", Roles.MARKETING);
        assertThat(dry.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(dry.body());

        assertThat(report.get("audience").asLong()).isEqualTo(15);
        assertThat(report.get("wouldEnter").asLong()).isEqualTo(7);
        assertThat(report.get("suppressed").get("QUIET_HOURS").asLong()).isEqualTo(expectedSuppressed.get("QUIET_HOURS"));
        assertThat(report.get("suppressed").get("BUDGET_EXHAUSTED").asLong()).isEqualTo(expectedSuppressed.get("BUDGET_EXHAUSTED"));
        assertThat(report.get("perChannel").get("EMAIL").asLong()).isEqualTo(expectedChannel.get("EMAIL"));
        assertThat(report.get("perChannel").get("SMS").asLong()).isEqualTo(expectedChannel.get("SMS"));
        assertThat(report.get("suppressed").get("NO_CONSENT").asLong()).isEqualTo(expectedSuppressed.get("NO_CONSENT"));
        assertThat(report.get("suppressed").get("UNREACHABLE").asLong()).isEqualTo(expectedSuppressed.get("UNREACHABLE"));
        assertThat(report.get("smsRenderFailures").asLong()).isZero();
        assertThat(report.get("smsSegments").asLong()).isGreaterThanOrEqualTo(3);
        // nothing was started or recorded
        assertThat(repository.counts(id).values()).allMatch(count -> count == 0);
        assertThat(campaigns.view(id).orElseThrow().state()).isEqualTo(CampaignState.DRAFT);
    }

    @Test
    void theThrottleHoldsOverTheRunAndPauseStopsStartsUntilResumed() throws Exception {
        double rate = 10;
        List<String> audience = reachableCustomers(30);
        String id = uploaded("Throttled", rate, audience);

        campaigns.launch(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).entered() >= 8);
        campaigns.pause(id);
        long atPause = await().until(() -> progress(id).entered(), entered -> entered > 0);
        // once the pause is seen (within one poll interval), nobody more is started
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> progress(id).entered() <= atPause + rate);
        long paused = progress(id).entered();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> progress(id).entered() == paused);
        assertThat(paused).isLessThan(30);

        campaigns.resume(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(id).orElseThrow().state() == CampaignState.COMPLETED);

        assertThat(progress(id).entered()).isEqualTo(30);
        assertThat(instancesPerCustomer(id).values()).hasSize(30).allMatch(n -> n == 1);
        List<Instant> starts = repository.startTimes(id);
        double capacity = Math.max(1, rate / 10);
        for (int i = 0; i < starts.size(); i++) {
            for (int j = i + 1; j < starts.size(); j++) {
                double seconds = Duration.between(starts.get(i), starts.get(j)).toNanos() / 1e9;
                assertThat((double) (j - i)).as("starts %d..%d within %.3fs", i, j, seconds)
                        .isLessThanOrEqualTo(rate * seconds + capacity + 2);
            }
        }
    }

    @Test
    void aLauncherStoppedMidLaunchResumesAndStartsEveryoneExactlyOnce() throws Exception {
        List<String> audience = reachableCustomers(20);
        String id = uploaded("Restarted", 20, audience);

        campaigns.launch(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).entered() >= 5);
        launcher.stop();
        long before = progress(id).entered() + progress(id).pending();
        assertThat(before).isLessThan(20);

        // what a crash between "PENDING written" and "STARTED written" leaves: one create reached the engine, one did not
        List<String> untouched = audience.stream().sorted()
                .filter(c -> leftPending(id, c)).limit(2).toList();
        assertThat(untouched).hasSize(2);
        long reachedEngine = starter.start("campaign-probe", Map.of("customerId", untouched.get(0), "campaignId", id));

        launcher.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(id).orElseThrow().state() == CampaignState.COMPLETED);

        CampaignView.Progress progress = progress(id);
        assertThat(progress.entered()).isEqualTo(20);
        assertThat(progress.pending()).isZero();
        assertThat(progress.failed()).isZero();
        Map<String, Long> instances = instancesPerCustomer(id);
        assertThat(instances.keySet()).containsExactlyInAnyOrderElementsOf(audience);
        assertThat(instances.values()).allMatch(n -> n == 1);
        assertThat(repository.startedKeys(id)).contains(reachedEngine);
    }

    @Test
    void twoLaunchersShareOneLeaseAndTheStandbyTakesOverWhenTheLeaderStops() throws Exception {
        // a second application instance's launcher on the same database
        CampaignLauncher standby = new CampaignLauncher(repository, customers, starter, journeys, properties, java.time.Clock.systemUTC());
        standby.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(launcher::isLeader);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !standby.isLeader());
            List<String> audience = reachableCustomers(12);
            String id = uploaded("Standby", 20, audience);
            campaigns.launch(id);
            await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).entered() >= 3);

            launcher.stop(); // a clean stop gives the lease up at once
            await().atMost(Duration.ofSeconds(10)).until(standby::isLeader);
            await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(id).orElseThrow().state() == CampaignState.COMPLETED);

            assertThat(progress(id).entered()).isEqualTo(12);
            assertThat(instancesPerCustomer(id).keySet()).containsExactlyInAnyOrderElementsOf(audience);
            assertThat(instancesPerCustomer(id).values()).allMatch(n -> n == 1);
            assertThat(repository.launcherLease().orElseThrow().getKey()).isNotBlank();
        } finally {
            standby.stop();
            launcher.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(launcher::isLeader);
    }

    @Test
    void customersUploadedWhilePausedAreReachedWhereverTheirIdsSort() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(customer("m-", "bulk", true, false, zoneWhereItIs(12), Channel.EMAIL));
        }
        String id = uploaded("Paused upload", 4, first);
        campaigns.launch(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).entered() >= 2);
        campaigns.pause(id);
        long paused = steady(() -> progress(id).entered());
        assertThat(paused).as("paused mid-launch").isLessThan(6);

        // more customers while paused: ids sorting below and above everything reached so far
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            added.add(customer("a-", "bulk", true, false, zoneWhereItIs(12), Channel.EMAIL));
        }
        added.add(customer("z-", "bulk", true, false, zoneWhereItIs(12), Channel.EMAIL));
        assertThat(campaigns.upload(id, stream(String.join("\n", added)), false).added()).isEqualTo(4);
        assertThat(progress(id).remaining()).isEqualTo(10 - paused);

        campaigns.resume(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(id).orElseThrow().state() == CampaignState.COMPLETED);
        List<String> everyone = new ArrayList<>(first);
        everyone.addAll(added);
        assertThat(progress(id).entered()).isEqualTo(10);
        assertThat(progress(id).remaining()).isZero();
        assertThat(instancesPerCustomer(id).keySet()).containsExactlyInAnyOrderElementsOf(everyone);
        assertThat(instancesPerCustomer(id).values()).allMatch(n -> n == 1);
    }

    @Test
    void anUploadEndsWhenTheCampaignIsLaunchedMeanwhile() {
        // starts tomorrow: stays RUNNING (nobody started) for the whole test
        String id = campaigns.define(new CampaignDefinition("Raced", "campaign-probe", null, Map.of(), null,
                Instant.now().plus(Duration.ofDays(1)), null, 5), "test");
        assertThat(repository.addAudience(id, List.of("race-1"))).isEqualTo(1);
        campaigns.launch(id);
        // an upload that began while DRAFT writes its next batch after the launch: refused, not silently lost
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> repository.addAudience(id, List.of("race-2")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("launched or resumed during the upload");
        campaigns.cancel(id);
    }

    @Test
    void aLeaderStalledPastItsLeaseIsFencedOffAndNobodyIsStartedTwice() throws Exception {
        StalledLeader outcome = stalledLeader(false);
        assertThat(outcome.instancesPerCustomer()).as("instances per customer").hasSize(12).allSatisfy((customer, n) -> assertThat(n).isOne());
        assertThat(outcome.startsByTheStalledLeaderAfterItsStall()).as("starts by the stalled leader after its stall").isZero();
        assertThat(outcome.stalledLeaderLedAgain()).as("the stalled leader led again").isFalse();
        assertThat(outcome.progress().entered()).isEqualTo(12);
        assertThat(outcome.progress().failed()).isZero();
        assertThat(outcome.progress().pending()).isZero();
    }

    @Test
    void onAClusterTheNewLeaderDoesNotMarkFailedWhatTheStalledLeaderIsStillStarting() throws Exception {
        StalledLeader outcome = stalledLeader(true);
        assertThat(outcome.stateOfTheInFlightCustomerDuringTheStall()).isEqualTo("PENDING");
        assertThat(outcome.startsByTheStalledLeaderAfterItsStall()).as("starts by the stalled leader after its stall").isZero();
        assertThat(outcome.instancesPerCustomer()).as("instances per customer").hasSize(12).allSatisfy((customer, n) -> assertThat(n).isOne());
        assertThat(outcome.stalledLeaderLedAgain()).as("the stalled leader led again").isFalse();
        assertThat(outcome.progress().entered()).isEqualTo(12);
        assertThat(outcome.progress().failed()).isZero();
    }

    record StalledLeader(Map<String, Long> instancesPerCustomer, int startsByTheStalledLeaderAfterItsStall,
                         String stateOfTheInFlightCustomerDuringTheStall, boolean stalledLeaderLedAgain, CampaignView.Progress progress) {}

    /**
     * Two launchers on this database with one clock that the test moves. Leader A claims a customer and, before its
     * create reaches the engine, stalls for two leases (a long GC pause, a slow network); launcher B takes over and
     * launches meanwhile. Then A carries on, and both go on running rounds until the campaign completes.
     */
    private StalledLeader stalledLeader(boolean standbyWithoutRecordStream) throws Exception {
        launcher.stop(); // the application's own launcher stands aside for A and B
        TestClock clock = new TestClock(Instant.now());
        Duration lease = properties.leaseDuration();
        List<String> audience = reachableCustomers(12);
        String id = uploaded("Stalled leader", 100, audience);
        AtomicReference<CampaignLauncher> standby = new AtomicReference<>();
        AtomicReference<String> stateDuringStall = new AtomicReference<>();
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger afterStall = new AtomicInteger();
        InstanceStarter stalling = new DelegatingStarter(starter) {
            @Override
            public long start(String processId, Map<String, Object> variables) {
                int n = starts.incrementAndGet();
                if (n == 3) {
                    clock.advance(lease.multipliedBy(2)); // A stalls after its claim, before its create
                    standby.get().runRound();            // B takes over and launches
                    stateDuringStall.set(jdbc.queryForObject("SELECT state FROM campaign_start WHERE campaign_id = ? AND customer_id = ?",
                            String.class, id, variables.get("customerId")));
                } else if (n > 3) {
                    afterStall.incrementAndGet();
                }
                return super.start(processId, variables);
            }
        };
        InstanceStarter standbyStarter = !standbyWithoutRecordStream ? starter : new DelegatingStarter(starter) {
            @Override
            public Optional<Long> find(String processId, String campaignId, String customerId) {
                throw new UnsupportedOperationException("a remote cluster: no record stream");
            }
        };
        CampaignLauncher a = new CampaignLauncher(repository, customers, stalling, journeys, properties, clock);
        CampaignLauncher b = new CampaignLauncher(repository, customers, standbyStarter, journeys, properties, clock);
        standby.set(b);
        boolean aLedAgain = false;
        try {
            campaigns.launch(id);
            a.runRound();                             // A takes the lease and starts one (its throttle's first token)
            assertThat(a.isLeader()).isTrue();
            clock.advance(Duration.ofSeconds(1));     // ten more tokens
            a.runRound();                             // the round in which A stalls
            assertThat(starts.get()).isGreaterThanOrEqualTo(3);
            aLedAgain = a.isLeader();
            for (int i = 0; i < 60 && campaigns.view(id).orElseThrow().state() != CampaignState.COMPLETED; i++) {
                clock.advance(Duration.ofSeconds(1));
                a.runRound();
                aLedAgain |= a.isLeader();
                b.runRound();
            }
            assertThat(campaigns.view(id).orElseThrow().state()).isEqualTo(CampaignState.COMPLETED);
            await().atMost(Duration.ofSeconds(10)).until(() -> instancesPerCustomer(id).keySet().containsAll(audience));
            return new StalledLeader(instancesPerCustomer(id), afterStall.get(), stateDuringStall.get(), aLedAgain, progress(id));
        } finally {
            a.stop();
            b.stop();
            launcher.start();
        }
    }

    @Test
    void aRoundHandlesAtMostOnePageOfTheAudienceEvenWhenNobodyIsStarted() throws Exception {
        launcher.stop();
        TestClock clock = new TestClock(Instant.now());
        CampaignProperties smallPages = new CampaignProperties(properties.pollInterval(), properties.maxThrottle(), 5,
                true, properties.leaseDuration());
        CampaignLauncher small = new CampaignLauncher(repository, customers, starter, journeys, smallPages, clock);
        // twelve unknown customers: each is recorded SUPPRESSED and uses no token, so only the page bound ends a round
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            unknown.add("unknown-" + UUID.randomUUID().toString().substring(0, 12));
        }
        String id = uploaded("Mostly skipped", 5, unknown);
        try {
            campaigns.launch(id);
            small.runRound();
            assertThat(progress(id).suppressed()).isEqualTo(5);
            small.runRound();
            assertThat(progress(id).suppressed()).isEqualTo(10);
            small.runRound();
            assertThat(progress(id).suppressed()).isEqualTo(12);
            assertThat(campaigns.view(id).orElseThrow().state()).isEqualTo(CampaignState.COMPLETED);
        } finally {
            small.stop();
            launcher.start();
        }
    }

    @Test
    void cancellingStopsTheJourneysTheCampaignStartedThrottledAndACancelCutShortByACrashCarriesOn() throws Exception {
        launcher.stop(); // two launchers of the test's own below, on this database, with a clock the test moves
        TestClock clock = new TestClock(Instant.now());
        Duration lease = properties.leaseDuration();
        List<String> audience = reachableCustomers(14);
        String id = uploaded("Cancelled", 20, audience); // throttle 20/s: at most 2 saved up
        CampaignLauncher first = new CampaignLauncher(repository, customers, starter, journeys, properties, clock);
        CampaignLauncher afterCrash = new CampaignLauncher(repository, customers, starter, journeys, properties, clock);
        try {
            campaigns.launch(id);
            for (int i = 0; i < 30 && progress(id).entered() < 10; i++) {
                first.runRound();
                clock.advance(Duration.ofMillis(100));
            }
            long entered = progress(id).entered();
            assertThat(entered).isBetween(10L, 13L);
            List<Long> started = repository.startedKeys(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> running(started).size() == started.size());

            HttpResponse<String> cancel = http("POST", "/api/campaigns/" + id + "/cancel", "", Roles.MARKETING);
            assertThat(cancel.statusCode()).isEqualTo(200);
            JsonNode view = json.readTree(cancel.body());
            assertThat(view.get("state").asText()).isEqualTo("CANCELLED");
            assertThat(view.get("progress").get("journeysToStop").asLong()).isEqualTo(entered);

            // throttled like a launch: with the clock standing still, the first token only
            first.runRound();
            first.runRound();
            assertThat(progress(id).journeysStopped()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1)); // the bucket holds at most 2
            first.runRound();
            assertThat(progress(id).journeysStopped()).isEqualTo(3);

            // the launcher dies here (no release), after sending one more cancel it could not record
            Long cancelledUnrecorded = repository.journeysToStop(id, 1).getFirst().processInstanceKey();
            assertThat(journeys.cancel(List.of(cancelledUnrecorded), "the crashed launcher's last command")).isOne();

            afterCrash.runRound();
            assertThat(afterCrash.isLeader()).as("the dead launcher's lease has not expired yet").isFalse();
            clock.advance(lease.plusSeconds(1));
            for (int i = 0; i < 40 && progress(id).journeysToStop() > 0; i++) {
                afterCrash.runRound();
                clock.advance(Duration.ofSeconds(1));
            }

            CampaignView.Progress progress = progress(id);
            assertThat(progress.journeysToStop()).isZero();
            assertThat(progress.journeysStopped()).as("cancelled by the launchers").isEqualTo(entered - 1);
            assertThat(progress.journeysNotStopped()).isZero();
            assertThat(progress.entered()).as("nobody more started").isEqualTo(entered);
            assertThat(progress.pending()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> running(started).isEmpty());
            assertThat(instancesPerCustomer(id)).hasSize((int) entered);
            CampaignView done = campaigns.view(id).orElseThrow();
            assertThat(done.state()).isEqualTo(CampaignState.CANCELLED);
            assertThat(done.stateReason()).isEqualTo("cancelled: the journeys it started were stopped");
        } finally {
            first.stop();
            afterCrash.stop();
            jdbc.update("UPDATE campaign_launcher_lease SET holder = '-'"); // the dead launcher's lease, for the app's launcher
            launcher.start();
        }
    }

    @Test
    void cancellingACompletedCampaignStopsItsStillRunningJourneys() throws Exception {
        List<String> audience = reachableCustomers(3);
        String id = uploaded("Completed then cancelled", 20, audience);
        campaigns.launch(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> campaigns.view(id).orElseThrow().state() == CampaignState.COMPLETED);
        List<Long> started = repository.startedKeys(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> running(started).size() == 3); // waiting a day on their timer

        HttpResponse<String> cancel = http("POST", "/api/campaigns/" + id + "/cancel", "", Roles.MARKETING);
        assertThat(cancel.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> progress(id).journeysToStop() == 0);
        assertThat(progress(id).journeysStopped()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> running(started).isEmpty());
        assertThat(http("POST", "/api/campaigns/" + id + "/cancel", "", Roles.MARKETING).statusCode()).as("once").isEqualTo(409);
    }

    @Test
    void uploadsStreamCsvAndJsonLinesAndReportDuplicatesAndInvalidLines() throws Exception {
        String id = campaigns.define(new CampaignDefinition("Upload", "campaign-probe", null, Map.of(), null, null, null, 5), "test");
        Campaigns.UploadReport csv = campaigns.upload(id, stream("customerId,name\nu-1,A\nu-2,B\nu-1,C\n\"bad id\",D\n"), false);
        assertThat(csv.added()).isEqualTo(2);
        assertThat(csv.duplicates()).isEqualTo(1);
        assertThat(csv.invalid()).containsExactly("line 5");
        Campaigns.UploadReport jsonl = campaigns.upload(id, stream("{\"customerId\":\"u-3\"}\n{\"customerId\":\"u-2\"}\nnot json\n"), true);
        assertThat(jsonl.added()).isEqualTo(1);
        assertThat(jsonl.duplicates()).isEqualTo(1);
        assertThat(jsonl.invalid()).containsExactly("line 3");
        assertThat(campaigns.view(id).orElseThrow().progress().remaining()).isEqualTo(3);
    }

    @Test
    void csvAudiencesAreReadAsCsvQuotesByteOrderMarkCrlfEmptyLinesAndMalformedQuotingNamingTheLine() throws Exception {
        String id = campaigns.define(new CampaignDefinition("Spreadsheet", "campaign-probe", null, Map.of(), null, null, null, 5), "test");
        // as a spreadsheet saves it: UTF-8 with a byte order mark, CRLF, the id not in the first column
        String csv = "\uFEFFname,customerId,note\r\n"
                + "\"Smith, Jo\",csv-q-1,x\r\n"          // 2: a quoted comma before the id column
                + "\r\n"                                 // 3
                + "\"Two\r\nLines\",csv-q-2,y\r\n"       // 4-5: a quoted line break
                + "Lee,\"csv-q-3\",\"a, b\"\r\n"         // 6: a quoted id
                + "   \r\n"                              // 7
                + "Bad,\"bad id\",z\r\n"                 // 8: not a customer id
                + "Ok,csv-q-4,\"never closed\r\n"        // 9: a quote that is never closed
                + "Never,csv-q-5,z\r\n";
        Campaigns.UploadReport report = campaigns.upload(id, stream(csv), false);

        assertThat(report.added()).isEqualTo(3);
        assertThat(report.duplicates()).isZero();
        assertThat(report.invalid()).containsExactly("line 8");
        assertThat(report.abortedBecause()).isEqualTo("line 9: a quoted field is not closed; the lines after it were not read");
        List<String> audience = new ArrayList<>();
        repository.forEachInAudience(repository.find(id).orElseThrow(), 2, audience::add);
        assertThat(audience).containsExactly("csv-q-1", "csv-q-2", "csv-q-3");

        // text after a closing quote is malformed too; a file without header uses its first column
        String second = campaigns.define(new CampaignDefinition("Headerless", "campaign-probe", null, Map.of(), null, null, null, 5), "test");
        Campaigns.UploadReport headerless = campaigns.upload(second,
                stream("csv-q-6,a\ncsv-q-7,\"b\" c\ncsv-q-8,d\n"), false);
        assertThat(headerless.added()).isEqualTo(1);
        assertThat(headerless.abortedBecause()).startsWith("line 2: text after the closing quote of a quoted field");
    }

    // --- helpers ---

    /** What a launcher that crashed after writing a claim leaves: a PENDING row (false when the customer has a row). */
    private boolean leftPending(String campaignId, String customerId) {
        try {
            jdbc.update("INSERT INTO campaign_start (campaign_id, customer_id, state, created_at, updated_at) VALUES (?, ?, 'PENDING', ?, ?)",
                    campaignId, customerId, java.sql.Timestamp.from(Instant.now()), java.sql.Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The application's starter, with one method replaced by a test. */
    private static class DelegatingStarter implements InstanceStarter {
        private final InstanceStarter delegate;

        DelegatingStarter(InstanceStarter delegate) {
            this.delegate = delegate;
        }

        @Override
        public long start(String processId, Map<String, Object> variables) {
            return delegate.start(processId, variables);
        }

        @Override
        public Optional<Long> find(String processId, String campaignId, String customerId) {
            return delegate.find(processId, campaignId, customerId);
        }

        @Override
        public Optional<Long> countCompleted(String campaignId) {
            return delegate.countCompleted(campaignId);
        }
    }

    /** The value once it has stayed the same for 600 ms (e.g. progress after a pause was seen). */
    private static long steady(java.util.function.LongSupplier value) {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(15)).until(() -> {
            long now = value.getAsLong();
            return last.getAndSet(now) == now;
        });
        return last.get();
    }

    private CampaignView.Progress progress(String id) {
        return campaigns.view(id).orElseThrow().progress();
    }

    private String uploaded(String name, double rate, List<String> audience) throws Exception {
        String id = campaigns.define(new CampaignDefinition(name, "campaign-probe", null, Map.of("offerCode", "COMEBACK20"),
                null, null, null, rate), "test");
        campaigns.upload(id, stream(String.join("\n", audience)), false);
        return id;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> reachableCustomers(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(customer("bulk", true, false, Channel.EMAIL));
        }
        return ids;
    }

    private String customer(String store, boolean email, boolean phone, Channel... consented) {
        return customer(store, email, phone, zoneWhereItIs(12), consented);
    }

    private String customer(String store, boolean email, boolean phone, ZoneId zone, Channel... consented) {
        return customer("cmp-c-", store, email, phone, zone, consented);
    }

    /** A customer whose id starts with {@code prefix} (ids sort by it). */
    private String customer(String prefix, String store, boolean email, boolean phone, ZoneId zone, Channel... consented) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 12);
        String number = phone ? String.format("+49151%07d", Math.floorMod(id.hashCode(), 9_000_000) + 1_000_000) : null;
        customers.upsert(new CustomerProfile(id, "Kim", "Tester", Locale.ENGLISH, zone, email ? id + "@example.com" : null,
                number, List.of(), "gold", store, Map.of(), ChannelPreferences.NONE, null));
        for (Channel channel : consented) {
            customers.recordConsent(new ConsentChange(id, channel, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API,
                    "integration test", Instant.now()));
        }
        return id;
    }

    /** A zone where it is around {@code hour} o'clock now (noon: quiet hours never interfere; 3: they do). */
    private static ZoneId zoneWhereItIs(int hour) {
        return dev.touchpoint.TestClock.zoneWhereItIs(hour, java.time.Instant.now());
    }

    /** The instances among {@code keys} that the engine's records show started and not yet ended. */
    private List<Long> running(List<Long> keys) {
        java.util.Set<Long> activated = new java.util.HashSet<>();
        java.util.Set<Long> ended = new java.util.HashSet<>();
        StreamSupport.stream(engine.records().orElseThrow().all().spliterator(), false)
                .filter(r -> r.getRecordType() == RecordType.EVENT && r.getValueType() == ValueType.PROCESS_INSTANCE)
                .filter(r -> ((ProcessInstanceRecordValue) r.getValue()).getBpmnElementType() == BpmnElementType.PROCESS)
                .forEach(r -> {
                    long key = ((ProcessInstanceRecordValue) r.getValue()).getProcessInstanceKey();
                    if (r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
                        activated.add(key);
                    } else if (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED || r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED) {
                        ended.add(key);
                    }
                });
        return keys.stream().filter(activated::contains).filter(key -> !ended.contains(key)).toList();
    }

    /** customerId -> number of campaign-probe instances of this campaign, from the engine's records. */
    private Map<String, Long> instancesPerCustomer(String campaignId) {
        Map<Long, String> customerOf = new HashMap<>();
        Map<Long, Boolean> ofCampaign = new HashMap<>();
        String campaignJson = "\"" + campaignId + "\"";
        StreamSupport.stream(engine.records().orElseThrow().all().spliterator(), false)
                .filter(r -> r.getRecordType() == RecordType.EVENT && r.getValueType() == ValueType.VARIABLE && r.getIntent() == VariableIntent.CREATED)
                .map(r -> (VariableRecordValue) r.getValue())
                .filter(v -> v.getBpmnProcessId().equals("campaign-probe") && v.getScopeKey() == v.getProcessInstanceKey())
                .forEach(v -> {
                    if (v.getName().equals("customerId")) {
                        customerOf.put(v.getProcessInstanceKey(), v.getValue().replace("\"", ""));
                    } else if (v.getName().equals("campaignId") && v.getValue().equals(campaignJson)) {
                        ofCampaign.put(v.getProcessInstanceKey(), true);
                    }
                });
        return customerOf.entrySet().stream().filter(e -> ofCampaign.containsKey(e.getKey()))
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
    }

    private HttpResponse<String> http(String method, String path, String body, String role) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.authorization(role))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
