package dev.touchpoint.context.internal;

import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same migrations and SQL on PostgreSQL (the cluster profile's database), on an embedded server on loopback. */
class PostgresRepositoryIT {

    static EmbeddedPostgres postgres;
    static JdbcCustomerRepository repository;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
        repository = new JdbcCustomerRepository(postgres.getPostgresDatabase(), java.time.Clock.systemUTC(), true);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void profilesAndConsentRoundTrip() {
        Instant updated = Instant.parse("2026-11-22T10:15:30.123Z");
        CustomerProfile profile = new CustomerProfile("pg-1", "Zoë", "Ærø", Locale.forLanguageTag("da-DK"), ZoneId.of("Europe/Copenhagen"),
                "zoe@example.com", "+4520123456", List.of("fcm:a", "apns:b"), "GOLD", "CPH-1",
                Map.of("favouriteCategory", "bikes", "note", "{\"json\": true}"),
                new ChannelPreferences(List.of(Channel.SMS, Channel.EMAIL), QuietHours.parse("22:00-07:30")), updated);
        repository.saveProfile(profile);
        assertThat(repository.loadProfile("pg-1")).isEqualTo(profile);
        repository.saveProfile(profile.withEmail("zoe2@example.com"));
        assertThat(repository.loadProfile("pg-1").email()).isEqualTo("zoe2@example.com");
        assertThat(repository.idsByPhone("+4520123456")).containsExactly("pg-1");
        assertThat(repository.idsByEmail("zoe2@example.com")).containsExactly("pg-1");
        assertThat(repository.loadProfiles(List.of("pg-1", "none"))).containsOnlyKeys("pg-1");
        assertThat(repository.countProfiles()).isEqualTo(1);

        List<ConsentRecord> consents = List.of(
                new ConsentRecord(Channel.SMS, Purpose.MARKETING, ConsentStatus.WITHDRAWN, ConsentSource.SMS_KEYWORD,
                        Instant.parse("2026-11-22T10:00:00Z"), "SM-1", ConsentStatus.GRANTED),
                new ConsentRecord(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.IMPORT,
                        Instant.parse("2026-01-01T00:00:00Z"), "crm.csv:2", null));
        repository.replaceConsents("pg-1", consents);
        assertThat(repository.loadConsents("pg-1")).containsExactlyInAnyOrderElementsOf(consents);
        repository.replaceConsents("pg-1", consents.subList(0, 1));
        assertThat(repository.loadConsents(List.of("pg-1")).get("pg-1")).containsExactly(consents.getFirst());
        assertThat(repository.allConsentCustomerIds()).containsExactly("pg-1");

        repository.deleteConsents("pg-1");
        repository.deleteProfile("pg-1");
        assertThat(repository.loadProfile("pg-1")).isNull();
        assertThat(repository.loadConsents("pg-1")).isEmpty();
    }
}
