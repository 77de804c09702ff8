package dev.touchpoint.context.internal;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ContextTestSupport;
import dev.touchpoint.context.DecisionPolicy;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.context.ApplicationEventPublisher;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * Hazelcast members inside the test JVM, on loopback with a unique cluster name and free ports (never joining a dev
 * instance), sharing one migrated in-memory H2 database the way the members of a real cluster share PostgreSQL.
 */
final class TestMembers implements AutoCloseable {

    final DataSource dataSource;
    final JdbcCustomerRepository repository;
    final SuppressionList suppression;
    final String clusterName = "test-" + UUID.randomUUID();
    final List<String> addresses;
    final List<HazelcastInstance> members = new ArrayList<>();
    final List<Object> events = new CopyOnWriteArrayList<>();
    final ApplicationEventPublisher publisher = events::add;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final int splitBrainMinimumSize;
    final boolean contextStoreInline;

    TestMembers(int count, int splitBrainMinimumSize) {
        this(count, splitBrainMinimumSize, false);
    }

    /** @param contextStoreInline the decision map's MapStore calls on the partition threads ({@link HazelcastSettings}) */
    TestMembers(int count, int splitBrainMinimumSize, boolean contextStoreInline) {
        this.splitBrainMinimumSize = splitBrainMinimumSize;
        this.contextStoreInline = contextStoreInline;
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + clusterName + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        this.dataSource = h2;
        Flyway.configure().dataSource(h2).load().migrate();
        this.repository = new JdbcCustomerRepository(h2, clock, true);
        this.suppression = new SuppressionList(h2, "test-suppression-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8), clock);
        this.addresses = IntStream.range(0, count).mapToObj(i -> "127.0.0.1:" + ContextTestSupport.freePort()).toList();
        for (int i = 0; i < count; i++) {
            members.add(start(i));
        }
    }

    HazelcastInstance start(int index) {
        int port = Integer.parseInt(addresses.get(index).substring(addresses.get(index).indexOf(':') + 1));
        HazelcastSettings settings = HazelcastSettings.loopbackMember(clusterName, port, addresses, splitBrainMinimumSize)
                .withContextStoreInline(contextStoreInline);
        Config config = HazelcastContextConfig.memberConfig(settings);
        config.setInstanceName(clusterName + "-" + index);
        HazelcastContextConfig.applyMemberParts(config, settings,
                new ProfileMapStore(repository, true), new ContextMapStore(repository, true));
        return Hazelcast.newHazelcastInstance(config);
    }

    HazelcastCustomerContextStore store(HazelcastInstance instance) {
        return store(instance, DecisionPolicy.DEFAULT);
    }

    HazelcastCustomerContextStore store(HazelcastInstance instance, DecisionPolicy policy) {
        return new HazelcastCustomerContextStore(instance, repository, policy, clock, publisher, suppression, timestamps());
    }

    /** Consent times at most 5 minutes ahead of the test clock. */
    dev.touchpoint.context.ConsentTimestamps timestamps() {
        return new dev.touchpoint.context.ConsentTimestamps(clock, java.time.Duration.ofMinutes(5));
    }

    @Override
    public void close() {
        members.forEach(member -> {
            if (member.getLifecycleService().isRunning()) {
                member.shutdown();
            }
        });
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
