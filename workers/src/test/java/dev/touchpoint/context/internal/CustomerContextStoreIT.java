package dev.touchpoint.context.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import dev.touchpoint.context.ConsentChange;
import dev.touchpoint.context.ConsentGranted;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.context.ConsentWithdrawn;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.ConversationOffer;
import dev.touchpoint.context.CustomerErased;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.DecisionPolicy;
import dev.touchpoint.context.ImportFormat;
import dev.touchpoint.context.ImportReport;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.context.Priority;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.SmsKeyword;
import dev.touchpoint.context.SuppressionReason;
import dev.touchpoint.context.TouchpointDecision;
import dev.touchpoint.context.TouchpointRequest;
import dev.touchpoint.context.UnknownCustomerException;
import dev.touchpoint.context.UpsertOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store on one member with its database: imports, consent from inbound events, erasure, client mode. */
class CustomerContextStoreIT {

    static TestMembers cluster;
    static HazelcastCustomerContextStore store;
    static CustomerImporter importer;

    @BeforeAll
    static void start() {
        cluster = new TestMembers(1, 1);
        store = cluster.store(cluster.members.getFirst());
        importer = new CustomerImporter(store, cluster.clock, cluster.timestamps());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void csvImportReportsBadRowsWithLineNumbersAndImportsTheRest() {
        String csv = """
                id,givenName,familyName,locale,timeZone,email,phone,consent.email.marketing,consent.sms.marketing,attr.favouriteCategory
                imp-1,Ana,Silva,pt-BR,America/Sao_Paulo,ana@example.com,+55 11 98765-4321,granted,withdrawn,shoes
                imp-2,Bo,Berg,sv-SE,Europe/Stockholm,not-an-email,+46701234567,granted,,
                imp-3,"Chen, Li",Wei,zh-CN,Mars/Olympus_Mons,chen@example.com,+8613800138000,granted,,
                imp-1,Ana,Again,pt-BR,America/Sao_Paulo,ana2@example.com,,granted,,
                imp-4,"Multi
                line",Name,en-GB,Europe/London,multi@example.com,,maybe,,
                imp-5,Eve,Ng,en-SG,Asia/Singapore,EVE@Example.com,,granted,granted,books
                """;
        ImportReport report = importer.importCustomers(new StringReader(csv), ImportFormat.CSV, "customers.csv");

        assertThat(report.rows()).isEqualTo(6);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.errors()).extracting(ImportReport.Problem::message).containsExactly(
                "line 3: email: 'not-an-email' is not a valid email address",
                "line 4: timeZone: unknown time zone 'Mars/Olympus_Mons'",
                "line 5: id: duplicate of line 2 (the first occurrence was imported)",
                "line 6: consent.email.marketing: unknown consent status 'maybe' (expected granted or withdrawn)",
                "line 6: givenName: contains the control character U+000A at position 6: remove it (this field is one line of visible text)");

        CustomerProfile ana = store.findProfile("imp-1").orElseThrow();
        assertThat(ana.phone()).isEqualTo("+5511987654321");
        assertThat(ana.locale()).isEqualTo(Locale.forLanguageTag("pt-BR"));
        assertThat(ana.attributes()).containsEntry("favouriteCategory", "shoes");
        var context = store.findContext("imp-1").orElseThrow();
        assertThat(context.consent(Channel.EMAIL, Purpose.MARKETING)).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConsentStatus.GRANTED);
            assertThat(r.source()).isEqualTo(ConsentSource.IMPORT);
            assertThat(r.proof()).isEqualTo("customers.csv:2");
        });
        assertThat(store.findProfile("imp-5").orElseThrow().email()).isEqualTo("eve@example.com");
        assertThat(store.findProfile("imp-2")).isEmpty();
        assertThat(store.findProfile("imp-4")).isEmpty();
        assertThat(cluster.repository.loadConsents("imp-4")).as("nothing half-written").isEmpty();
    }

    @Test
    void csvImportReadsQuotesByteOrderMarkCrlfAndEmptyLinesAndStopsAtMalformedQuotingNamingTheLine() {
        // as a spreadsheet saves it: UTF-8 with a byte order mark, CRLF, quoted commas and line breaks, empty lines
        String csv = "\uFEFFid,givenName,familyName,timeZone,email,attr.note\r\n"
                + "csv-1,\"Lee, Jr.\",Park,Asia/Seoul,csv1@example.com,\"likes \"\"quotes\"\", commas\"\r\n"
                + "\r\n"
                + "csv-2,Mia,Berg,Europe/Oslo,csv2@example.com,\"Two\r\nLines\"\r\n"
                + "csv-3,Noa,Levi,Mars/Base,csv3@example.com,y\r\n"
                + "\r\n"
                + "csv-4,Ola,\"Nordmann\" Jr,Europe/Oslo,csv4@example.com,z\r\n"
                + "csv-5,Pia,Berg,Europe/Oslo,csv5@example.com,never read\r\n";
        ImportReport report = importer.importCustomers(new StringReader(csv), ImportFormat.CSV, "spreadsheet.csv");

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.errors()).extracting(ImportReport.Problem::message).containsExactly(
                "line 6: timeZone: unknown time zone 'Mars/Base'",
                "line 8: row: text after the closing quote of a quoted field (a quote inside a field is written twice: \"\");"
                        + " the rest of the file could not be read");
        assertThat(report.abortedBecause()).isEqualTo("malformed CSV at line 8");
        CustomerProfile lee = store.findProfile("csv-1").orElseThrow();
        assertThat(lee.givenName()).isEqualTo("Lee, Jr.");
        assertThat(lee.attributes()).containsEntry("note", "likes \"quotes\", commas");
        // a line break inside a quoted cell is data (names are one line, so it sits in a free-text attribute here)
        assertThat(store.findProfile("csv-2").orElseThrow().attributes()).containsEntry("note", "Two\r\nLines");
        assertThat(store.findProfile("csv-4")).isEmpty();
        assertThat(store.findProfile("csv-5")).isEmpty();
    }

    @Test
    void jsonLinesImportReportsMalformedLinesAndNeverOverridesTheCustomersNewerStop() {
        store.upsert(new CustomerProfile("imp-j1", "Jo", null, Locale.US, ZoneId.of("America/Chicago"), "jo@example.com",
                "+13125550123", List.of(), null, null, Map.of(), null, null));
        store.recordConsent(new ConsentChange("imp-j1", Channel.SMS, Purpose.MARKETING, ConsentStatus.WITHDRAWN,
                ConsentSource.SMS_KEYWORD, "SM-stop", Instant.parse("2026-11-20T10:00:00Z")));
        String jsonl = """
                {"id":"imp-j1","givenName":"Jo","locale":"en-US","timeZone":"America/Chicago","email":"jo@example.com","phone":"+13125550123","consents":{"sms.marketing":"granted","email.marketing":"granted"}}
                {"id":"imp-j2","givenName":"Kim","timeZone":"Asia/Seoul","phone":"12345","consents":{"fax.marketing":"granted"}}

                {"id":"imp-j3", "givenName": }
                {"id":"imp-j4","givenName":"Lee","timeZone":"Asia/Seoul","email":"lee@example.com","nickname":"L","consents":{"email.marketing":{"status":"granted","at":"2026-10-01T08:00:00Z","proof":"web-form-77"}}}
                {"id":"imp-j5","givenName":"Max","timeZone":"Europe/Berlin","email":"max@example.com","consents":{"email.marketing":{"status":"granted","at":"2026-10-01T08:00:00Z","proof":"web-form-78"}}}
                """;
        ImportReport report = importer.importCustomers(new StringReader(jsonl), ImportFormat.JSONL, "crm.jsonl");

        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.errors()).extracting(ImportReport.Problem::message).containsExactly(
                "line 2: consent.fax.marketing: unknown channel 'fax' (expected one of EMAIL, SMS, PUSH, KIOSK)",
                "line 2: phone: '12345' is not an international (E.164) number such as +4915112345678",
                "line 4: json: malformed JSON at column 30",
                "line 5: nickname: unknown field");
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(1);
            assertThat(w.field()).isEqualTo("consent.sms.marketing");
            assertThat(w.reason()).startsWith("kept WITHDRAWN from SMS_KEYWORD");
        });
        var jo = store.findContext("imp-j1").orElseThrow();
        assertThat(jo.consent(Channel.SMS, Purpose.MARKETING)).get().extracting(r -> r.status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(jo.consent(Channel.EMAIL, Purpose.MARKETING)).get().extracting(r -> r.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(store.findContext("imp-j5").orElseThrow().consent(Channel.EMAIL, Purpose.MARKETING)).get()
                .satisfies(r -> {
                    assertThat(r.at()).isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
                    assertThat(r.proof()).isEqualTo("web-form-78");
                });
    }

    @Test
    void anInvalidHeaderImportsNothing() {
        ImportReport report = importer.importCustomers(new StringReader("id,emial\nx-1,a@b.example\n"), ImportFormat.CSV, "typo.csv");
        assertThat(report.accepted()).isZero();
        assertThat(report.errors()).extracting(ImportReport.Problem::message).containsExactly("line 1: header: unknown column 'emial'");
        assertThat(report.abortedBecause()).contains("header");
        assertThat(store.findProfile("x-1")).isEmpty();
    }

    @Test
    void smsStopFindsEveryCustomerWithTheNumberAndIsOnDiskWithItsProof() {
        for (String id : List.of("hh-1", "hh-2")) {
            store.upsert(new CustomerProfile(id, null, null, null, ZoneId.of("Europe/Madrid"), null, "+34 600 123 456",
                    List.of(), null, null, Map.of(), null, null));
            store.recordConsent(new ConsentChange(id, Channel.SMS, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API, "p", Instant.parse("2026-11-01T00:00:00Z")));
        }
        cluster.events.clear();
        var updates = store.applySmsKeyword("0034600123456", SmsKeyword.STOP, "SM-inbound-1", Instant.parse("2026-11-23T09:00:00Z"));

        assertThat(updates).hasSize(4).allMatch(u -> u.applied());
        for (String id : List.of("hh-1", "hh-2")) {
            assertThat(cluster.repository.loadConsents(id)).filteredOn(r -> r.channel() == Channel.SMS)
                    .hasSize(2).allSatisfy(r -> {
                        assertThat(r.status()).isEqualTo(ConsentStatus.WITHDRAWN);
                        assertThat(r.proof()).isEqualTo("SM-inbound-1");
                        assertThat(r.source()).isEqualTo(ConsentSource.SMS_KEYWORD);
                    });
        }
        assertThat(cluster.events).filteredOn(ConsentWithdrawn.class::isInstance).hasSize(4);
        assertThat(store.decide(new TouchpointRequest("hh-1", Channel.SMS, Purpose.TRANSACTIONAL, Priority.HIGH, "order", "shipped", "o-1")))
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.NO_CONSENT));

        store.applySmsKeyword("+34600123456", SmsKeyword.START, "SM-inbound-2", Instant.parse("2026-11-23T09:05:00Z"));
        assertThat(cluster.events).filteredOn(ConsentGranted.class::isInstance).hasSize(4);
        assertThat(store.applySmsKeyword("+34999999999", SmsKeyword.STOP, "SM-x", Instant.now())).isEmpty();
    }

    @Test
    void erasureRemovesEverythingFromMemoryAndDatabase() {
        store.upsert(new CustomerProfile("gdpr-1", "Gina", "Doe", Locale.FRANCE, ZoneId.of("Europe/Paris"), "gina@example.com",
                "+33612345678", List.of("apns:1"), "SILVER", "PAR-2", Map.of("note", "x"), null, null));
        store.recordConsent(new ConsentChange("gdpr-1", Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API, "p", Instant.parse("2026-11-01T00:00:00Z")));
        store.checkIn("gdpr-1", "PAR-2", cluster.clock.instant());
        cluster.events.clear();

        assertThat(store.erase("gdpr-1", "dpo@example.com")).isTrue();

        assertThat(store.findProfile("gdpr-1")).isEmpty();
        assertThat(cluster.repository.loadProfile("gdpr-1")).isNull();
        assertThat(cluster.repository.loadConsents("gdpr-1")).isEmpty();
        assertThat(store.findCustomerIdsByEmail("gina@example.com")).isEmpty();
        assertThat(cluster.events).singleElement().isInstanceOfSatisfying(CustomerErased.class, e -> {
            assertThat(e.customerId()).isEqualTo("gdpr-1");
            assertThat(e.requestedBy()).isEqualTo("dpo@example.com");
        });
        assertThat(store.decide(new TouchpointRequest("gdpr-1", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "j", "t", "k")))
                .isInstanceOfSatisfying(TouchpointDecision.Suppress.class, s -> assertThat(s.reason()).isEqualTo(SuppressionReason.UNKNOWN_CUSTOMER));
        assertThat(store.erase("gdpr-1", "dpo@example.com")).isFalse();
        assertThatThrownBy(() -> store.recordConsent(new ConsentChange("gdpr-1", Channel.EMAIL, Purpose.MARKETING,
                ConsentStatus.GRANTED, ConsentSource.API, "p", Instant.now()))).isInstanceOf(UnknownCustomerException.class);
    }

    @Test
    void upsertValidatesAndReportsUnchangedProfiles() {
        CustomerProfile profile = new CustomerProfile("val-1", "Val", null, null, null, "val@example.com", null, List.of(), null, null, Map.of(), null, null);
        assertThat(store.upsert(profile)).isEqualTo(UpsertOutcome.CREATED);
        assertThat(store.upsert(profile)).isEqualTo(UpsertOutcome.UNCHANGED);
        assertThat(store.upsert(profile.withEmail("VAL2@example.com"))).isEqualTo(UpsertOutcome.UPDATED);
        assertThat(store.findCustomerIdsByEmail("val2@EXAMPLE.com")).containsExactly("val-1");
        assertThatThrownBy(() -> store.upsert(profile.withPhone("call me")))
                .isInstanceOfSatisfying(InvalidCustomerException.class, e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("phone"));
    }

    @Test
    void kioskOffersAndChannelsFollowTheConversation() {
        store.upsert(new CustomerProfile("kiosk-1", "Kai", null, Locale.GERMANY, ZoneId.of("Europe/Berlin"), "kai@example.com",
                null, List.of("fcm:k"), null, "BER-1", Map.of(), new dev.touchpoint.context.ChannelPreferences(List.of(Channel.PUSH), null), null));
        for (Channel channel : List.of(Channel.EMAIL, Channel.PUSH, Channel.KIOSK)) {
            store.recordConsent(new ConsentChange("kiosk-1", channel, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API, "p", Instant.parse("2026-11-01T00:00:00Z")));
        }
        assertThat(store.reachableChannels("kiosk-1", Purpose.MARKETING)).containsExactly(Channel.PUSH, Channel.EMAIL);

        var email = store.decide(new TouchpointRequest("kiosk-1", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL,
                "winback", "offer-email", "e-1", "OFFER-20", cluster.clock.instant().plus(Duration.ofDays(2))));
        assertThat(store.confirm(((TouchpointDecision.Send) email).reservation(), "ses-1")).isTrue();
        store.checkIn("kiosk-1", "BER-1", cluster.clock.instant());
        assertThat(store.reachableChannels("kiosk-1", Purpose.MARKETING)).containsExactly(Channel.PUSH, Channel.EMAIL, Channel.KIOSK);

        var context = store.findContext("kiosk-1").orElseThrow();
        assertThat(context.offer(Channel.EMAIL)).get().extracting(ConversationOffer::offerId).isEqualTo("OFFER-20");
        assertThat(context.presence()).get().extracting(p -> p.storeId()).isEqualTo("BER-1");
        assertThat(store.decide(new TouchpointRequest("kiosk-1", Channel.KIOSK, Purpose.MARKETING, Priority.NORMAL, "winback", "kiosk-offer", "kiosk-1")))
                .isInstanceOf(TouchpointDecision.Send.class);
        store.checkOut("kiosk-1", cluster.clock.instant());
        assertThat(store.findContext("kiosk-1").orElseThrow().presence()).isEmpty();
    }

    /** An older writer of the profile schema (no preferences, no update time), as during a rolling upgrade. */
    static final class OldProfileSerializer implements com.hazelcast.nio.serialization.compact.CompactSerializer<CustomerProfile> {
        @Override
        public CustomerProfile read(com.hazelcast.nio.serialization.compact.CompactReader in) {
            return new CustomerProfile(in.readString("id"), in.readString("givenName"), null, null, null, in.readString("email"),
                    null, List.of(), null, null, Map.of(), null, null);
        }

        @Override
        public void write(com.hazelcast.nio.serialization.compact.CompactWriter out, CustomerProfile p) {
            out.writeString("id", p.id());
            out.writeString("givenName", p.givenName());
            out.writeString("email", p.email());
        }

        @Override
        public String getTypeName() {
            return "touchpoint.context.CustomerProfile";
        }

        @Override
        public Class<CustomerProfile> getCompactClass() {
            return CustomerProfile.class;
        }
    }

    @Test
    void entriesWrittenWithAnOlderSchemaReadWithDefaults() {
        var config = new com.hazelcast.client.config.ClientConfig();
        config.setClusterName(cluster.clusterName);
        config.getNetworkConfig().setAddresses(cluster.addresses);
        config.getSerializationConfig().getCompactSerializationConfig().addSerializer(new OldProfileSerializer());
        HazelcastInstance oldClient = HazelcastClient.newHazelcastClient(config);
        try {
            oldClient.<String, CustomerProfile>getMap("evolution").set("old-1",
                    new CustomerProfile("old-1", "Olga", null, null, null, "olga@example.com", null, List.of(), null, null, Map.of(), null, null));
        } finally {
            oldClient.shutdown();
        }
        CustomerProfile read = cluster.members.getFirst().<String, CustomerProfile>getMap("evolution").get("old-1");
        assertThat(read.givenName()).isEqualTo("Olga");
        assertThat(read.email()).isEqualTo("olga@example.com");
        assertThat(read.preferences()).isEqualTo(dev.touchpoint.context.ChannelPreferences.NONE);
        assertThat(read.pushTokens()).isEmpty();
        assertThat(read.updatedAt()).isNull();
    }

    @Test
    void aClientDecidesOnTheMembersWithTheSameSerializers() {
        HazelcastSettings settings = new HazelcastSettings(HazelcastSettings.Mode.CLIENT, null, null, cluster.clusterName, null,
                cluster.addresses, 1, 1, null, true);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(HazelcastContextConfig.clientConfig(settings));
        try {
            var viaClient = new HazelcastCustomerContextStore(client, cluster.repository, DecisionPolicy.DEFAULT, cluster.clock, cluster.publisher,
                    cluster.suppression, cluster.timestamps());
            viaClient.upsert(new CustomerProfile("cl-1", "Cleo", null, null, ZoneId.of("Asia/Tokyo"), "cleo@example.com", null, List.of(), null, null, Map.of(), null, null));
            viaClient.recordConsent(new ConsentChange("cl-1", Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, ConsentSource.API, "p", Instant.parse("2026-11-01T00:00:00Z")));
            // 10:00 UTC is 19:00 in Tokyo: allowed
            var decision = viaClient.decide(new TouchpointRequest("cl-1", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "j", "t", "cl-k"));
            assertThat(decision).isInstanceOf(TouchpointDecision.Send.class);
            assertThat(store.decide(new TouchpointRequest("cl-1", Channel.EMAIL, Purpose.MARKETING, Priority.NORMAL, "j", "t", "cl-k")))
                    .isInstanceOfSatisfying(TouchpointDecision.Send.class, s -> assertThat(s.replay()).isTrue());
            assertThat(viaClient.findProfile("cl-1")).isPresent();
        } finally {
            client.shutdown();
        }
    }
}
