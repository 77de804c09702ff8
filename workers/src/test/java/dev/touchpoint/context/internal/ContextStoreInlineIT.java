package dev.touchpoint.context.internal;

import com.hazelcast.config.MapConfig;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code touchpoint.context.hazelcast.context-store-inline=true}: the decision map's MapStore runs on the partition
 * threads, and decisions, consent write-through and reloads from the database behave as with the offloaded default,
 * on two members (the backup replica included).
 */
class ContextStoreInlineIT {

    static TestMembers cluster;
    static HazelcastCustomerContextStore store;

    @BeforeAll
    static void start() {
        cluster = new TestMembers(2, 1, true);
        store = cluster.store(cluster.members.getFirst());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void the_decision_map_store_is_not_offloaded() {
        MapConfig contexts = cluster.members.getFirst().getConfig().getMapConfig(ContextMaps.CONTEXTS);
        assertThat(contexts.getMapStoreConfig().isOffload()).isFalse();
    }

    @Test
    void decisions_consent_write_through_and_reloads_work_inline() {
        String id = "inline-1";
        store.upsert(new CustomerProfile(id, "Ines", "Line", Locale.UK, ZoneId.of("Europe/London"), id + "@example.com",
                null, List.of(), "GOLD", "LON-1", Map.of(), null, cluster.clock.instant()));
        store.recordConsents(id, List.of(new ConsentChange(id, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED,
                ConsentSource.API, "signup", cluster.clock.instant())), List.of());

        TouchpointDecision first = store.decide(request(id, "key-1"));
        assertThat(first).isInstanceOf(TouchpointDecision.Send.class);
        assertThat(store.decide(request(id, "key-1"))).as("the same key replays the reservation")
                .isInstanceOfSatisfying(TouchpointDecision.Send.class, replay -> assertThat(replay.reservation())
                        .isEqualTo(((TouchpointDecision.Send) first).reservation()));

        store.recordConsents(id, List.of(new ConsentChange(id, Channel.EMAIL, Purpose.MARKETING, ConsentStatus.WITHDRAWN,
                ConsentSource.API, "unsubscribe", cluster.clock.instant())), List.of());
        assertThat(cluster.repository.loadConsents(id)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ConsentStatus.WITHDRAWN));

        // out of memory and back from the database (MapStore.load on the partition thread)
        cluster.members.getFirst().getMap(ContextMaps.CONTEXTS).evict(id);
        TouchpointDecision after = store.decide(request(id, "key-2"));
        assertThat(after).isInstanceOfSatisfying(TouchpointDecision.Suppress.class,
                s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));
    }

    private static TouchpointRequest request(String customer, String key) {
        return new TouchpointRequest(customer, Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "welcome",
                "welcome", key);
    }
}
