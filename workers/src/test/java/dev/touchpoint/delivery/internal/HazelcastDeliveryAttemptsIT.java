package dev.touchpoint.delivery.internal;



import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ContextTestSupport;
import dev.touchpoint.delivery.internal.DeliveryAttempts.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The attempt marker on a real Hazelcast member: racing workers, and the full life of one key. */
class HazelcastDeliveryAttemptsIT {

    private static HazelcastInstance member;
    private static HazelcastDeliveryAttempts attempts;
    private static final dev.touchpoint.TestClock clock = new dev.touchpoint.TestClock(java.time.Instant.parse("2026-12-07T10:00:00Z"));
    private static String owner;

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("attempts-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        int port = ContextTestSupport.freePort();
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        member = Hazelcast.newHazelcastInstance(config);
        owner = "m:" + member.getLocalEndpoint().getUuid();
        attempts = new HazelcastDeliveryAttempts(member.getMap(HazelcastDeliveryAttempts.MAP_NAME), 3600, owner,
                heldBy -> DeliveryConfiguration.ownerAlive(member, heldBy), java.time.Duration.ofMinutes(3), clock);
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    @Test
    void ofEightWorkersRacingForOneKeyExactlyOneMayCallTheProvider() throws Exception {
        String key = "tp-race-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(pool.submit(() -> {
                go.await();
                return attempts.begin(key);
            }));
        }
        go.countDown();
        List<Claim> results = new ArrayList<>();
        for (Future<Claim> claim : claims) {
            results.add(claim.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn(c -> c instanceof Claim.Granted).hasSize(1);
        assertThat(results).as("the others wait for the live attempt instead of completing UNCONFIRMED")
                .filteredOn(c -> c instanceof Claim.InProgress).hasSize(7);
    }

    @Test
    void aKeyGoesFromRetryableFailuresToDelivered() {
        String key = "tp-life-" + UUID.randomUUID();

        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(0, true));
        assertThat(attempts.failedRetryably(key)).isEqualTo(1);
        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(1, false));
        assertThat(attempts.failedRetryably(key)).isEqualTo(2);
        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(2, false));
        attempts.delivered(key, "SM123");
        assertThat(attempts.begin(key)).isEqualTo(new Claim.AlreadyDelivered("SM123"));

        String refused = "tp-refused-" + UUID.randomUUID();
        attempts.begin(refused);
        attempts.failedPermanently(refused);
        assertThat(attempts.begin(refused)).isEqualTo(new Claim.Granted(0, true));

        String withoutId = "tp-no-id-" + UUID.randomUUID();
        attempts.begin(withoutId);
        attempts.delivered(withoutId, null);
        assertThat(attempts.begin(withoutId)).isEqualTo(new Claim.AlreadyDelivered(null));

        String unknown = "tp-unknown-" + UUID.randomUUID();
        attempts.begin(unknown);
        attempts.unconfirmed(unknown);
        assertThat(attempts.begin(unknown)).isEqualTo(new Claim.Unconfirmed());
    }

    @Test
    void aMarkerHasAnOwnerAndADeadlineAfterWhichTheAttemptCountsAsInterrupted() {
        String key = "tp-deadline-" + UUID.randomUUID();
        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(0, true));

        Claim second = attempts.begin(key);
        assertThat(second).isInstanceOfSatisfying(Claim.InProgress.class, p -> {
            assertThat(p.owner()).isEqualTo(owner);
            assertThat(p.until()).isEqualTo(clock.instant().plus(java.time.Duration.ofMinutes(3)));
        });

        clock.advance(java.time.Duration.ofMinutes(3).plusSeconds(1));
        assertThat(attempts.begin(key)).isEqualTo(new Claim.Interrupted(0, owner));
        assertThat(attempts.begin(key)).as("whoever took it over holds a fresh deadline").isInstanceOf(Claim.InProgress.class);
    }

    @Test
    void aMarkerWhoseOwnerLeftTheClusterIsInterruptedAtOnce() {
        String key = "tp-orphan-" + UUID.randomUUID();
        String gone = "m:" + UUID.randomUUID();
        member.<String, String>getMap(HazelcastDeliveryAttempts.MAP_NAME)
                .set(key, "ATTEMPTING|1|" + gone + "|" + clock.instant().plusSeconds(120).toEpochMilli());

        assertThat(attempts.begin(key)).isEqualTo(new Claim.Interrupted(1, gone));
    }
}
