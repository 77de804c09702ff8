package dev.touchpoint.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ContextTestSupport;
import dev.touchpoint.delivery.DeliveryAttempts.Claim;
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

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("attempts-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        int port = ContextTestSupport.freePort();
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        member = Hazelcast.newHazelcastInstance(config);
        attempts = new HazelcastDeliveryAttempts(member.getMap(HazelcastDeliveryAttempts.MAP_NAME), 3600);
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
        assertThat(results).filteredOn(c -> c instanceof Claim.OutcomeUnknown).hasSize(7);
    }

    @Test
    void aKeyGoesFromRetryableFailuresToDelivered() {
        String key = "tp-life-" + UUID.randomUUID();

        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(0));
        assertThat(attempts.failedRetryably(key)).isEqualTo(1);
        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(1));
        assertThat(attempts.failedRetryably(key)).isEqualTo(2);
        assertThat(attempts.begin(key)).isEqualTo(new Claim.Granted(2));
        attempts.delivered(key, "SM123");
        assertThat(attempts.begin(key)).isEqualTo(new Claim.AlreadyDelivered("SM123"));

        String refused = "tp-refused-" + UUID.randomUUID();
        attempts.begin(refused);
        attempts.failedPermanently(refused);
        assertThat(attempts.begin(refused)).isEqualTo(new Claim.Granted(0));
    }
}
