package dev.touchpoint.context.internal;

import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ContextUnavailableException;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.TouchpointStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Two Hazelcast members in this JVM on loopback, sharing one database, as two application instances would. */
class TwoMemberClusterIT {

    private TestMembers cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void decisionsForOneCustomerFromBothMembersNeverExceedTheBudget() throws Exception {
        cluster = new TestMembers(2, 1);
        var stores = List.of(cluster.store(cluster.members.get(0)), cluster.store(cluster.members.get(1)));
        customer(stores.get(0), "c-42");

        int threadsPerMember = 4;
        int requestsPerThread = 30;
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerMember * 2);
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Integer> freshSends = new ConcurrentHashMap<>();
        List<Future<List<TouchpointDecision>>> futures = new ArrayList<>();
        for (int t = 0; t < threadsPerMember * 2; t++) {
            var store = stores.get(t % 2);
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                List<TouchpointDecision> decisions = new ArrayList<>();
                for (int i = 0; i < requestsPerThread; i++) {
                    Channel channel = Channel.values()[(thread + i) % 3];
                    // every key is asked by two threads on different members: a retried job on another instance
                    String key = "job-" + ((thread / 2) * 1000 + i);
                    TouchpointDecision decision = store.decide(new TouchpointRequest("c-42", channel, Purpose.MARKETING,
                            Priority.NORMAL, "journey-" + (i % 5), "t", key));
                    if (decision instanceof TouchpointDecision.Send send && !send.replay()) {
                        freshSends.merge(key, 1, Integer::sum);
                    }
                    decisions.add(decision);
                }
                return decisions;
            }));
        }
        start.countDown();
        List<TouchpointDecision> all = new ArrayList<>();
        for (Future<List<TouchpointDecision>> future : futures) {
            all.addAll(future.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(all).hasSize(threadsPerMember * 2 * requestsPerThread);
        assertThat(freshSends.values()).as("no key is sent twice").allMatch(count -> count == 1);
        assertThat(freshSends).as("3 marketing touchpoints a day across all journeys, channels and members").hasSize(3);
        var context = stores.get(1).findContext("c-42").orElseThrow();
        Map<Channel, Long> perChannel = new java.util.EnumMap<>(Channel.class);
        context.touchpoints().stream().filter(t -> t.counts()).forEach(t -> perChannel.merge(t.channel(), 1L, Long::sum));
        assertThat(perChannel.getOrDefault(Channel.EMAIL, 0L)).isLessThanOrEqualTo(2);
        assertThat(perChannel.getOrDefault(Channel.SMS, 0L)).isLessThanOrEqualTo(1);
        assertThat(perChannel.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    @Test
    void killingOneMemberLosesNoConsentProfileOrReservation() {
        cluster = new TestMembers(2, 1);
        HazelcastInstance owner = ownerOf("c-7");
        HazelcastInstance other = cluster.members.stream().filter(m -> m != owner).findFirst().orElseThrow();
        var viaOther = cluster.store(other);
        customer(viaOther, "c-7");
        var send = viaOther.decide(new TouchpointRequest("c-7", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "welcome", "t", "job-1"));
        assertThat(send).isInstanceOf(TouchpointDecision.Send.class);
        viaOther.decide(new TouchpointRequest("c-7", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "welcome", "t", "job-2"));

        owner.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(30)).until(() -> other.getCluster().getMembers().size() == 1);

        var survivor = cluster.store(other);
        assertThat(survivor.findProfile("c-7")).get().extracting(CustomerProfile::email).isEqualTo("c-7@example.com");
        var context = survivor.findContext("c-7").orElseThrow();
        assertThat(context.consent(Channel.EMAIL, Purpose.MARKETING)).get().extracting(r -> r.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(context.touchpoints()).extracting(t -> t.idempotencyKey()).containsExactlyInAnyOrder("job-1", "job-2");
        // the reservation survived: the retried job gets the earlier decision, and the budget still counts both
        assertThat(survivor.decide(new TouchpointRequest("c-7", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "welcome", "t", "job-1")))
                .isInstanceOfSatisfying(TouchpointDecision.Send.class, s -> assertThat(s.replay()).isTrue());
        assertThat(survivor.decide(new TouchpointRequest("c-7", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "welcome", "t", "job-3")))
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.detail()).contains("EMAIL 2/2"));
        assertThat(survivor.confirm(((TouchpointDecision.Send) send).reservation(), "provider-1")).isTrue();
        assertThat(survivor.findContext("c-7").orElseThrow().touchpoints()).anySatisfy(t -> {
            assertThat(t.idempotencyKey()).isEqualTo("job-1");
            assertThat(t.status()).isEqualTo(TouchpointStatus.CONFIRMED);
        });
    }

    @Test
    void aMinoritySideRefusesDecisionsInsteadOfDoubleSpendingBudgets() {
        cluster = new TestMembers(2, 2);
        var store = cluster.store(cluster.members.get(1));
        customer(store, "c-9");
        assertThat(store.decide(new TouchpointRequest("c-9", Channel.PUSH, Purpose.MARKETING, Priority.NORMAL, "j", "t", "k1")))
                .isInstanceOf(TouchpointDecision.Send.class);

        cluster.members.get(0).getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> store.decide(new TouchpointRequest("c-9", Channel.PUSH, Purpose.MARKETING, Priority.NORMAL, "j", "t", "k2")))
                        .isInstanceOf(ContextUnavailableException.class));
        assertThatThrownBy(() -> store.recordConsent(new ConsentChange("c-9", Channel.SMS, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, "p", cluster.clock.instant()))).isInstanceOf(ContextUnavailableException.class);
    }

    private HazelcastInstance ownerOf(String key) {
        var owner = cluster.members.getFirst().getPartitionService().getPartition(key).getOwner();
        return cluster.members.stream().filter(m -> m.getCluster().getLocalMember().getUuid().equals(owner.getUuid())).findFirst().orElseThrow();
    }

    static void customer(HazelcastCustomerContextStore store, String id) {
        store.upsert(new CustomerProfile(id, "Ada", "Lovelace", Locale.UK, ZoneId.of("Europe/London"), id + "@example.com",
                "+447700900123", List.of("fcm:token-" + id), "GOLD", "LON-1", Map.of("segment", "vip"), null, null));
        Instant at = Instant.parse("2026-11-01T09:00:00Z");
        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH)) {
            store.recordConsent(new ConsentChange(id, channel, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.IMPORT, "crm", at));
        }
    }

    @Test
    void aJavaSerializedObjectOutsideTheWhitelistIsNeverDeserialized() {
        try (TestMembers cluster = new TestMembers(2, 1)) {
            com.hazelcast.map.IMap<String, Object> map = cluster.members.get(0).getMap("deserialization-probe");
            map.put("gadget", new org.example.gadget.Gadget());
            org.example.gadget.Gadget.deserialized = false;
            assertThatThrownBy(() -> cluster.members.get(1).getMap("deserialization-probe").get("gadget"))
                    .hasStackTraceContaining("org.example.gadget.Gadget");
            assertThat(org.example.gadget.Gadget.deserialized).as("readObject never ran").isFalse();
        }
    }
}
