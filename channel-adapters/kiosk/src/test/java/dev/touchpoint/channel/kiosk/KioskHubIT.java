package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskEvent;
import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskDirectory;
import dev.touchpoint.channel.kiosk.hazelcast.HazelcastKioskRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence in Hazelcast and the hubs of two instances sharing it (one member, two hubs). */
class KioskHubIT {

    static final KioskHub.Settings FAST = new KioskHub.Settings(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(1), Duration.ofSeconds(2));
    static final Duration WAIT = Duration.ofSeconds(10);

    private static HazelcastInstance member;
    private static ScheduledExecutorService scheduler;
    private static HazelcastKioskDirectory directory;
    private static KioskHub hubA;
    private static KioskHub hubB;
    private static final List<KioskEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        member = new TestHazelcast(1).member(0);
        scheduler = Executors.newScheduledThreadPool(2);
        directory = new HazelcastKioskDirectory(member, FAST.presenceTtl());
        hubA = hub("hub-a");
        hubB = hub("hub-b");
    }

    static KioskHub hub(String id) {
        KioskHub hub = new KioskHub(id, directory, new HazelcastKioskRoute(member), new RouteSigner(
                new KioskTokens("hub-it-secret-0123456789abcdefghijklmn", Map.of()).routeKey()), k -> null,
                events::add, FAST, Clock.systemUTC(), scheduler);
        hub.start();
        return hub;
    }

    @AfterAll
    static void stop() {
        hubA.close();
        hubB.close();
        scheduler.shutdownNow();
        member.shutdown();
    }

    @Test
    void theDirectoryIsAQueryableJsonMapWhoseEntriesLapseUnlessRenewedByTheirOwnSession() {
        Instant now = Instant.now();
        directory.register(new KioskPresence("lapse-store", "k1", null, "dead-instance", "s1", now, now, null, null,
                null));
        directory.register(new KioskPresence("lapse-store", "k2", "till", "hub-x", "s2", now, now, null, null, null));
        directory.register(new KioskPresence("other-store", "k1", null, "hub-x", "s3", now, now, null, null, null));

        assertThat(directory.inStore("lapse-store")).extracting(KioskPresence::kioskId)
                .containsExactlyInAnyOrder("k1", "k2");
        assertThat(directory.update("lapse-store", "k2", "not-my-session", p -> p.idle())).isFalse();
        directory.unregister("lapse-store", "k2", "not-my-session");
        assertThat(directory.find("lapse-store", "k2")).isPresent();

        // k2 is renewed by its session; k1, whose instance died, lapses after the TTL
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            directory.update("lapse-store", "k2", "s2", p -> p.seenAt(Instant.now()));
            return directory.find("lapse-store", "k1").isEmpty();
        });
        assertThat(directory.find("lapse-store", "k2")).isPresent();
    }

    @Test
    void aKioskThatReconnectsToAnotherInstanceIsDroppedByTheOldOne() {
        ScriptedKiosk onA = new ScriptedKiosk(hubA, ScriptedKiosk.Mode.ACK).connect("move-store", "k1");
        await().atMost(WAIT).until(() -> directory.find("move-store", "k1").isPresent());

        ScriptedKiosk onB = new ScriptedKiosk(hubB, ScriptedKiosk.Mode.ACK).connect("move-store", "k1");

        await().atMost(WAIT).until(onA::isClosed);
        assertThat(onA.closeCode()).isEqualTo(KioskConnection.REPLACED);
        await().atMost(WAIT).until(() -> directory.find("move-store", "k1")
                .filter(p -> p.instanceId().equals("hub-b")).isPresent());
        assertThat(hubA.display("move-1", "cust-1", KioskTarget.kiosk("move-store", "k1"),
                new KioskContent("<section>Hi</section>", "Hi", Duration.ofSeconds(10))).result()).isEqualTo(KioskHub.Result.DISPLAYED);
        assertThat(onB.displayedCount()).isEqualTo(1);
        assertThat(hubA.localKiosks()).isEmpty();
    }

    @Test
    void anOperatorCanMakeAKioskOnAnotherInstanceReconnect() {
        ScriptedKiosk onB = new ScriptedKiosk(hubB, ScriptedKiosk.Mode.ACK).connect("ops-store", "k1");
        await().atMost(WAIT).until(() -> directory.find("ops-store", "k1").isPresent());

        assertThat(hubA.disconnect("ops-store", "k1")).isTrue();

        await().atMost(WAIT).until(onB::isClosed);
        assertThat(onB.closeCode()).isEqualTo(KioskConnection.RECONNECT);
        await().atMost(WAIT).until(() -> directory.find("ops-store", "k1").isEmpty());
        assertThat(hubA.disconnect("ops-store", "k1")).isFalse();
    }
}
