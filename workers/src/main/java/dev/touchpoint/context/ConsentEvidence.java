package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The evidence of consent changes, as the context hands it to the evidence ledger.
 *
 * <p>Every consent record has an <b>evidence key</b>: a digest of the customer, channel, purpose, status, source, time
 * and proof. The ledger stores it as the CONSENT_CHANGE entry's idempotency key, so recording the same change twice
 * (a retry, or the relay below) leaves one entry.
 *
 * <p>The context writes a <b>pending evidence</b> row in the same database transaction as the consent row it proves
 * (a transactional outbox). The ledger removes it once its entry is committed; a row left behind because the ledger
 * write failed is appended later by the ledger's relay. So a consent change and its evidence are durable together:
 * the change never stays without evidence, whatever fails in between (ADR-0005).
 */
public final class ConsentEvidence {

    private ConsentEvidence() {
    }

    /** One consent change whose ledger entry may still be missing. {@code proof} is personal data: never log it. */
    public record Pending(String evidenceKey, String customerId, Channel channel, Purpose purpose,
                          ConsentStatus status, ConsentSource source, Instant at, String proof) {
    }

    /** The outbox of pending consent evidence (implemented on the application's database). */
    public interface Outbox {

        /** Up to {@code max} pending rows, oldest consent first. */
        List<Pending> pending(int max);

        /** The ledger holds the entry with this key: the row is no longer needed. */
        void done(String evidenceKey);

        /** How many rows are pending. */
        long count();
    }

    /** The evidence key of one consent record of one customer. */
    public static String key(String customerId, Channel channel, Purpose purpose, ConsentStatus status,
                             ConsentSource source, Instant at, String proof) {
        String canonical = String.join("\u001f", customerId, channel.name(), purpose.name(), status.name(), source.name(),
                at.toString(), proof == null ? "" : proof);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return "consent:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The evidence key of a record in force. */
    public static String key(String customerId, ConsentRecord record) {
        return key(customerId, record.channel(), record.purpose(), record.status(), record.source(), record.at(), record.proof());
    }
}
