package dev.touchpoint.context.internal;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import dev.touchpoint.security.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Addresses (email, phone) that must not be granted consent again without the customer's fresh proof, because their
 * owner opted out or was erased (ADR-0005). Kept as keyed hashes (HMAC-SHA256 with the suppression secret) in table
 * {@code consent_suppression}: the list holds no address, survives the erasure of the customer it came from, and
 * still recognises the address when a re-import or an event brings it back under any customer id.
 */
public final class SuppressionList {

    /** Why an address is on the list. */
    public enum Reason { WITHDRAWN, ERASED }

    private final JdbcTemplate jdbc;
    private final ThreadLocal<Mac> mac;
    private final Clock clock;

    public SuppressionList(DataSource dataSource, byte[] secret, Clock clock) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the suppression secret must have at least 16 bytes");
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.mac = HmacSha256.perThread(secret);
        this.clock = clock;
    }

    /** The address of the profile on this channel that the list is keyed by, or null (push, kiosk, no address). */
    static String address(CustomerProfile profile, Channel channel) {
        if (profile == null) {
            return null;
        }
        return switch (channel) {
            case EMAIL -> profile.email() == null ? null : "email:" + profile.email();
            case SMS -> profile.phone() == null ? null : "phone:" + profile.phone();
            default -> null;
        };
    }

    /** Why the address is suppressed for this channel and purpose ("erased at ..."), or empty. */
    public Optional<String> reason(Channel channel, Purpose purpose, String address) {
        if (address == null) {
            return Optional.empty();
        }
        List<String> rows = jdbc.query("SELECT reason, since FROM consent_suppression WHERE address_hash = ? AND channel = ? AND purpose = ?",
                (rs, n) -> rs.getString("reason").toLowerCase(java.util.Locale.ROOT) + " at "
                        + rs.getObject("since", OffsetDateTime.class).toInstant(),
                hash(address), channel.name(), purpose.name());
        return rows.stream().findFirst();
    }

    /** Puts the address on the list (or updates why and since when). */
    public void suppress(Channel channel, Purpose purpose, String address, Reason reason) {
        if (address == null) {
            return;
        }
        String hash = hash(address);
        OffsetDateTime since = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE consent_suppression SET reason = ?, since = ? WHERE address_hash = ? AND channel = ? AND purpose = ?",
                reason.name(), since, hash, channel.name(), purpose.name());
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO consent_suppression (address_hash, channel, purpose, reason, since) VALUES (?, ?, ?, ?, ?)",
                        hash, channel.name(), purpose.name(), reason.name(), since);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another instance put it on the list at the same moment: it is on the list
            }
        }
    }

    /** Takes the address off the list for this channel and purpose (the customer gave fresh proof). */
    public void lift(Channel channel, Purpose purpose, String address) {
        if (address != null) {
            jdbc.update("DELETE FROM consent_suppression WHERE address_hash = ? AND channel = ? AND purpose = ?",
                    hash(address), channel.name(), purpose.name());
        }
    }

    /** How many entries the list holds. */
    public long size() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM consent_suppression", Long.class);
        return n == null ? 0 : n;
    }

    String hash(String address) {
        return HexFormat.of().formatHex(mac.get().doFinal(address.getBytes(StandardCharsets.UTF_8)));
    }
}
