package dev.touchpoint.ledger.internal;

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
 *       order of {@link #contentDigest}. Retention may remove the content; the digest stays.</li>
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
        return contentDigest(r.customerId(), r.processId(), r.processVersion(), r.processInstanceKey(), r.elementId(),
                r.channel(), r.templateId(), r.templateVersion(), r.contentSha256(), r.decision(), r.outcome(),
                r.reason(), r.until(), r.consentSnapshot(), r.providerMessageId(), r.idempotencyKey(), r.attributes(),
                r.personalData(), r.keyId());
    }

    public static String contentDigest(String customerId, String processId, Integer processVersion, Long processInstanceKey,
                                       String elementId, String channel, String templateId, String templateVersion,
                                       String contentSha256, String decision, String outcome, String reason, Instant until,
                                       String consentSnapshot, String providerMessageId, String idempotencyKey,
                                       String attributesJson, String personalCiphertext, String keyId) {
        Writer w = new Writer(CONTENT_FORMAT);
        w.add(customerId).add(processId).add(processVersion).add(processInstanceKey).add(elementId).add(channel)
                .add(templateId).add(templateVersion).add(contentSha256).add(decision).add(outcome).add(reason)
                .add(until).add(consentSnapshot).add(providerMessageId).add(idempotencyKey).add(attributesJson)
                .add(personalCiphertext).add(keyId);
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
