package dev.touchpoint.context.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.context.ConsentEvidence;
import dev.touchpoint.context.ConsentRecord;
import dev.touchpoint.context.ConsentSource;
import dev.touchpoint.context.ConsentStatus;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.context.QuietHours;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The durable part of the customer context in the application's database (tables of {@code V1__customer_context.sql}).
 * Used by the MapStores on the members, and for address look-ups. Portable SQL (H2 and PostgreSQL): an upsert is an
 * update followed by an insert when no row was updated, which is safe because only the partition owner writes a
 * given customer.
 */
public class JdbcCustomerRepository implements CustomerDirectory, ConsentEvidence.Outbox {

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final int IN_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final boolean evidenceOutbox;

    /**
     * @param evidenceOutbox whether consent writes also write their pending evidence ({@link ConsentEvidence}); on
     *                       when the evidence ledger runs (it drains the outbox)
     */
    public JdbcCustomerRepository(DataSource dataSource, Clock clock, boolean evidenceOutbox) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.evidenceOutbox = evidenceOutbox;
    }

    // ---- profiles

    public CustomerProfile loadProfile(String customerId) {
        List<CustomerProfile> rows = jdbc.query("SELECT * FROM customer_profile WHERE customer_id = ?", profileMapper(), customerId);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    public Map<String, CustomerProfile> loadProfiles(Collection<String> customerIds) {
        Map<String, CustomerProfile> result = new HashMap<>();
        for (List<String> chunk : chunks(customerIds)) {
            named.query("SELECT * FROM customer_profile WHERE customer_id IN (:ids)", new MapSqlParameterSource("ids", chunk),
                    profileMapper()).forEach(p -> result.put(p.id(), p));
        }
        return result;
    }

    public List<String> allProfileIds() {
        return jdbc.queryForList("SELECT customer_id FROM customer_profile ORDER BY customer_id", String.class);
    }

    public void saveProfile(CustomerProfile p) {
        Object[] values = {p.givenName(), p.familyName(), p.locale() == null ? null : p.locale().toLanguageTag(),
                p.timeZone() == null ? null : p.timeZone().getId(), p.email(), p.phone(), toJson(p.pushTokens()),
                p.loyaltyTier(), p.homeStore(), toJson(p.attributes()),
                String.join(",", p.preferences().preferred().stream().map(Enum::name).toList()),
                p.preferences().quietHours().toString(), timestamp(p.updatedAt() == null ? clock.instant() : p.updatedAt()), p.id()};
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.update("""
                    UPDATE customer_profile SET given_name = ?, family_name = ?, locale = ?, time_zone = ?, email = ?, phone = ?,
                      push_tokens = ?, loyalty_tier = ?, home_store = ?, attributes = ?, preferred_channels = ?, quiet_hours = ?,
                      updated_at = ? WHERE customer_id = ?""", values);
            if (updated == 0) {
                jdbc.update("""
                        INSERT INTO customer_profile (given_name, family_name, locale, time_zone, email, phone, push_tokens,
                          loyalty_tier, home_store, attributes, preferred_channels, quiet_hours, updated_at, customer_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
            }
        });
    }

    public void deleteProfile(String customerId) {
        jdbc.update("DELETE FROM customer_profile WHERE customer_id = ?", customerId);
    }

    public void deleteProfiles(Collection<String> customerIds) {
        for (List<String> chunk : chunks(customerIds)) {
            named.update("DELETE FROM customer_profile WHERE customer_id IN (:ids)", new MapSqlParameterSource("ids", chunk));
        }
    }

    @Override
    public long countProfiles() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM customer_profile", Long.class);
        return count == null ? 0 : count;
    }

    @Override
    public List<String> idsByPhone(String e164Phone) {
        return jdbc.queryForList("SELECT customer_id FROM customer_profile WHERE phone = ? ORDER BY customer_id", String.class, e164Phone);
    }

    @Override
    public List<String> idsByEmail(String lowerCaseEmail) {
        return jdbc.queryForList("SELECT customer_id FROM customer_profile WHERE email = ? ORDER BY customer_id", String.class, lowerCaseEmail);
    }

    // ---- consent

    public List<ConsentRecord> loadConsents(String customerId) {
        return jdbc.query("SELECT * FROM customer_consent WHERE customer_id = ? ORDER BY channel, purpose", consentMapper(), customerId);
    }

    public Map<String, List<ConsentRecord>> loadConsents(Collection<String> customerIds) {
        Map<String, List<ConsentRecord>> result = new HashMap<>();
        for (List<String> chunk : chunks(customerIds)) {
            named.query("SELECT * FROM customer_consent WHERE customer_id IN (:ids) ORDER BY customer_id, channel, purpose",
                    new MapSqlParameterSource("ids", chunk), rs -> {
                        result.computeIfAbsent(rs.getString("customer_id"), id -> new ArrayList<>()).add(consentMapper().mapRow(rs, 0));
                    });
        }
        return result;
    }

    public List<String> allConsentCustomerIds() {
        return jdbc.queryForList("SELECT DISTINCT customer_id FROM customer_consent ORDER BY customer_id", String.class);
    }

    /**
     * Replaces the customer's consent rows with exactly these records, in one transaction; with the evidence outbox on,
     * every record that is new in this write gets its pending evidence row in the same transaction.
     */
    public void replaceConsents(String customerId, List<ConsentRecord> records) {
        transactions.executeWithoutResult(status -> {
            if (evidenceOutbox) {
                List<ConsentRecord> before = loadConsents(customerId);
                for (ConsentRecord record : records) {
                    if (!before.contains(record)) {
                        insertPendingEvidence(customerId, record);
                    }
                }
            }
            jdbc.update("DELETE FROM customer_consent WHERE customer_id = ?", customerId);
            jdbc.batchUpdate("""
                            INSERT INTO customer_consent (customer_id, channel, purpose, status, source, expressed_at, proof, previous_status)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    records.stream().map(r -> new Object[]{customerId, r.channel().name(), r.purpose().name(), r.status().name(),
                            r.source().name(), timestamp(r.at()), r.proof(), r.previous() == null ? null : r.previous().name()}).toList());
        });
    }

    /** Removes the customer's consent rows and pending evidence (erasure: the ledger destroys their key). */
    public void deleteConsents(String customerId) {
        deleteConsents(List.of(customerId));
    }

    public void deleteConsents(Collection<String> customerIds) {
        for (List<String> chunk : chunks(customerIds)) {
            MapSqlParameterSource ids = new MapSqlParameterSource("ids", chunk);
            transactions.executeWithoutResult(status -> {
                named.update("DELETE FROM customer_consent WHERE customer_id IN (:ids)", ids);
                named.update("DELETE FROM consent_evidence_pending WHERE customer_id IN (:ids)", ids);
            });
        }
    }

    // ---- consent evidence outbox (ConsentEvidence)

    private void insertPendingEvidence(String customerId, ConsentRecord r) {
        String key = ConsentEvidence.key(customerId, r);
        Integer present = jdbc.query("SELECT 1 FROM consent_evidence_pending WHERE evidence_key = ?",
                rs -> rs.next() ? 1 : null, key);
        if (present == null) {
            jdbc.update("""
                            INSERT INTO consent_evidence_pending (evidence_key, customer_id, channel, purpose, status, source, expressed_at, proof)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    key, customerId, r.channel().name(), r.purpose().name(), r.status().name(), r.source().name(),
                    timestamp(r.at()), r.proof());
        }
    }

    @Override
    public List<ConsentEvidence.Pending> pending(int max) {
        return jdbc.query("SELECT * FROM consent_evidence_pending ORDER BY expressed_at, evidence_key FETCH FIRST " + Math.max(1, max) + " ROWS ONLY",
                (rs, row) -> new ConsentEvidence.Pending(rs.getString("evidence_key"), rs.getString("customer_id"),
                        Channel.parse(rs.getString("channel")), Purpose.parse(rs.getString("purpose")),
                        ConsentStatus.valueOf(rs.getString("status")), ConsentSource.parse(rs.getString("source")),
                        rs.getObject("expressed_at", OffsetDateTime.class).toInstant(), rs.getString("proof")));
    }

    @Override
    public void done(String evidenceKey) {
        jdbc.update("DELETE FROM consent_evidence_pending WHERE evidence_key = ?", evidenceKey);
    }

    @Override
    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM consent_evidence_pending", Long.class);
        return n == null ? 0 : n;
    }

    // ---- one-time set-up steps (table touchpoint_setup)

    /** Whether the set-up step finished (e.g. {@code sample-customers}). */
    public boolean setupFinished(String step) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM touchpoint_setup WHERE step = ?", Long.class, step);
        return n != null && n > 0;
    }

    /** Records that the set-up step finished. */
    public void finishSetup(String step) {
        if (!setupFinished(step)) {
            try {
                jdbc.update("INSERT INTO touchpoint_setup (step, finished_at) VALUES (?, ?)", step, timestamp(clock.instant()));
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another instance finished it at the same moment
            }
        }
    }

    // ---- mapping

    private RowMapper<CustomerProfile> profileMapper() {
        return (rs, row) -> {
            String locale = rs.getString("locale");
            String zone = rs.getString("time_zone");
            String preferred = rs.getString("preferred_channels");
            List<Channel> channels = preferred == null || preferred.isBlank() ? List.of()
                    : Arrays.stream(preferred.split(",")).map(Channel::parse).toList();
            return new CustomerProfile(rs.getString("customer_id"), rs.getString("given_name"), rs.getString("family_name"),
                    locale == null ? null : Locale.forLanguageTag(locale), zone == null ? null : ZoneId.of(zone),
                    rs.getString("email"), rs.getString("phone"), fromJson(rs.getString("push_tokens"), STRING_LIST),
                    rs.getString("loyalty_tier"), rs.getString("home_store"), fromJson(rs.getString("attributes"), STRING_MAP),
                    new ChannelPreferences(channels, QuietHours.parse(rs.getString("quiet_hours"))),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant());
        };
    }

    private static RowMapper<ConsentRecord> consentMapper() {
        return (rs, row) -> {
            String previous = rs.getString("previous_status");
            return new ConsentRecord(Channel.parse(rs.getString("channel")), Purpose.parse(rs.getString("purpose")),
                    ConsentStatus.valueOf(rs.getString("status")), ConsentSource.parse(rs.getString("source")),
                    rs.getObject("expressed_at", OffsetDateTime.class).toInstant(), rs.getString("proof"),
                    previous == null ? null : ConsentStatus.valueOf(previous));
        };
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON column", e);
        }
    }

    private <T> T fromJson(String value, TypeReference<T> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON column", e);
        }
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return chunks;
    }
}
