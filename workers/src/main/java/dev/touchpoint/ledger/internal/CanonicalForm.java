package dev.touchpoint.ledger.internal;

import dev.touchpoint.ledger.LedgerEntryFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The canonical serialisation that ledger hashes are computed over (documented in docs/compliance-guide.md, so that
 * an auditor can recompute them with any tool).
 *
 * <p>Each value is written as {@code <length in UTF-8 bytes>:<value>\n}, a null as {@code -\n}; numbers in decimal,
 * instants in ISO-8601 UTC as {@link Instant#toString()} (microsecond precision). Two levels:
 * <ul>
 *   <li><b>content digest</b> = SHA-256 over {@code "touchpoint-ledger-content/1"} and the content fields in the
 *       order of {@link LedgerEntryFields}, then attributes, sealed personal data and key id. Retention may remove the content; the digest stays.</li>
 *   <li><b>entry hash</b> = SHA-256 over {@code "touchpoint-ledger-entry/1"}, chain id, seq, previous hash, kind,
 *       occurred at, recorded at and the content digest.</li>
 * </ul>
 * Hashes are lower-case hex.
 */
public final class CanonicalForm {

    static final String CONTENT_FORMAT = "touchpoint-ledger-content/1";
    static final String ENTRY_FORMAT = "touchpoint-ledger-entry/1";

    private CanonicalForm() {
    }

    /** The digest of a row's content fields (personal data as stored: ciphertext). */
    public static String contentDigest(LedgerRow r) {
        return contentDigest(r.fields(), r.attributes(), r.personalData(), r.keyId());
    }

    /** The digest of an entry's content fields, in {@link LedgerEntryFields}' order, then its attributes and sealed data. */
    public static String contentDigest(LedgerEntryFields fields, String attributesJson, String personalCiphertext, String keyId) {
        Writer w = new Writer(CONTENT_FORMAT);
        fields.values().forEach(w::add);
        w.add(attributesJson).add(personalCiphertext).add(keyId);
        return w.sha256();
    }

    /** The hash that links an entry into its chain. */
    public static String entryHash(String chainId, long seq, String prevHash, String kind, Instant occurredAt,
                                   Instant recordedAt, String contentDigest) {
        Writer w = new Writer(ENTRY_FORMAT);
        w.add(chainId).add(seq).add(prevHash).add(kind).add(occurredAt).add(recordedAt).add(contentDigest);
        return w.sha256();
    }

    public static String entryHash(LedgerRow r) {
        return entryHash(r.chainId(), r.seq(), r.prevHash(), r.kind(), r.occurredAt(), r.recordedAt(), r.contentDigest());
    }

    /** SHA-256 of arbitrary bytes, hex. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static final class Writer {
        private final StringBuilder text = new StringBuilder(512);

        Writer(String format) {
            add(format);
        }

        Writer add(Object value) {
            if (value == null) {
                text.append("-\n");
                return this;
            }
            String s = value instanceof Instant instant ? instant.toString() : value.toString();
            text.append(s.getBytes(StandardCharsets.UTF_8).length).append(':').append(s).append('\n');
            return this;
        }

        String sha256() {
            return sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
