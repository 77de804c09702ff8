package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import dev.touchpoint.RepositoryPaths;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import dev.touchpoint.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consent given and withdrawn, the application stopped (every member: here the only one), started again on the same
 * database: profile and consent are back; sample customers are loaded at the first start only.
 */
class ContextRestartIT {

    static final Path SAMPLES = Path.of(RepositoryPaths.home()).resolve("config/samples/customers.jsonl");

    @Test
    void consentAndProfilesSurviveARestartOfEveryMember(@TempDir Path dir) {
        assertThat(SAMPLES).exists();
        String[] samples = {"touchpoint.context.samples.enabled=true", "touchpoint.context.samples.location=" + SAMPLES.toAbsolutePath()};
        // the application's time, far from the machine's: nothing may depend on the day the suite runs
        TestClock clock = new TestClock(Instant.parse("2031-05-14T15:00:00Z"));
        String ana;
        String anasPhone;

        HazelcastInstance member;
        Instant stopAt;
        try (ConfigurableApplicationContext first = start(dir, clock, samples)) {
            member = first.getBean(HazelcastInstance.class);
            CustomerContextStore store = first.getBean(CustomerContextStore.class);
            assertThat(first.getBean(javax.sql.DataSource.class)).isNotNull();
            assertThat(countCustomers(first)).as("every sample customer loads without errors").isEqualTo(countLines(SAMPLES));

            ana = "cust-1001";
            anasPhone = store.findProfile(ana).orElseThrow().phone();
            // given ...
            clock.advance(Duration.ofMinutes(3));
            store.recordConsent(new ConsentChange(ana, Channel.PUSH, Purpose.MARKETING, ConsentStatus.GRANTED,
                    ConsentSource.PREFERENCE_CENTER, "pc-session-1", clock.instant()));
            // ... and withdrawn by an inbound STOP and an unsubscribe link
            clock.advance(Duration.ofMinutes(3));
            stopAt = clock.instant();
            store.applySmsKeyword(anasPhone, SmsKeyword.STOP, "SM-stop-1", stopAt);
            store.recordConsent(new ConsentChange("cust-1002", Channel.EMAIL, Purpose.MARKETING, ConsentStatus.WITHDRAWN,
                    ConsentSource.EMAIL_UNSUBSCRIBE, "unsub-token-9", stopAt));
            store.upsert(store.findProfile("cust-1004").orElseThrow().withTimeZone(ZoneId.of("Asia/Singapore")));
            assertThat(store.erase("cust-1005", "compliance")).isTrue();
        }
        // the member was shut down with the context, and none of its threads is left
        String threadPrefix = "hz." + member.getName() + ".";
        assertThat(member.getLifecycleService().isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(threadPrefix)));

        clock.advance(Duration.ofHours(1));
        try (ConfigurableApplicationContext second = start(dir, clock, samples)) {
            CustomerContextStore store = second.getBean(CustomerContextStore.class);
            CustomerContext context = store.findContext(ana).orElseThrow();
            assertThat(context.consent(Channel.PUSH, Purpose.MARKETING)).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(ConsentStatus.GRANTED);
                assertThat(r.source()).isEqualTo(ConsentSource.PREFERENCE_CENTER);
                assertThat(r.proof()).isEqualTo("pc-session-1");
            });
            for (Purpose purpose : Purpose.values()) {
                assertThat(context.consent(Channel.SMS, purpose)).get().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(ConsentStatus.WITHDRAWN);
                    assertThat(r.source()).isEqualTo(ConsentSource.SMS_KEYWORD);
                    assertThat(r.proof()).isEqualTo("SM-stop-1");
                    assertThat(r.at()).isEqualTo(stopAt);
                });
            }
            assertThat(store.findContext("cust-1002").orElseThrow().consent(Channel.EMAIL, Purpose.MARKETING))
                    .get().extracting(ConsentRecord::status).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(store.findProfile("cust-1004").orElseThrow().timeZone()).isEqualTo(ZoneId.of("Asia/Singapore"));
            assertThat(store.findProfile("cust-1005")).as("erased, and the samples are not loaded again").isEmpty();
            assertThat(store.findCustomerIdsByPhone(anasPhone)).containsExactly(ana);
            assertThat(store.decide(new TouchpointRequest(ana, Channel.SMS, Purpose.TRANSACTIONAL, Priority.HIGH, "order", "shipped", "after-restart")))
                    .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));
        }
    }

    private static ConfigurableApplicationContext start(Path dir, TestClock clock, String... more) {
        return new SpringApplicationBuilder(ContextTestApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(clock.register())
                .run(ContextTestSupport.isolatedArguments(dir, more));
    }

    private static long countCustomers(ConfigurableApplicationContext context) {
        return context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM customer_profile", Long.class);
    }

    private static long countLines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
