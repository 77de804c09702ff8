package dev.touchpoint.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.LedgerEntryFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private static final Instant T = Instant.parse("2026-11-22T10:15:30.123456Z");

    private static Object[] content() {
        return new Object[]{"c-1", "welcome", 3, 2251799813685249L, "send-email", "EMAIL", "welcome", "1.0.0",
                "ab".repeat(32), "SEND", null, null, T, "{\"customer\":\"known\"}", "<m@x>", "tp-1-2", "{\"a\":\"1\"}", "c2VhbGVk", "key-1"};
    }

    private static String digest(Object[] v) {
        return CanonicalForm.contentDigest(new LedgerEntryFields((String) v[0], (String) v[1], (Integer) v[2], (Long) v[3],
                (String) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8], (String) v[9], (String) v[10],
                (String) v[11], (Instant) v[12], (String) v[13], (String) v[14], (String) v[15]),
                (String) v[16], (String) v[17], (String) v[18]);
    }

    @Test
    void theContentDigestIsTheDocumentedSha256() {
        // recomputed by hand from the format in docs/compliance-guide.md
        StringBuilder text = new StringBuilder();
        List<Object> values = new ArrayList<>();
        values.add("touchpoint-ledger-content/1");
        values.addAll(Arrays.asList(content()));
        for (Object v : values) {
            if (v == null) {
                text.append("-\n");
            } else {
                String s = v.toString();
                text.append(s.getBytes(StandardCharsets.UTF_8).length).append(':').append(s).append('\n');
            }
        }
        assertThat(digest(content())).isEqualTo(CanonicalForm.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8)))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void everyContentFieldChangesTheDigest() {
        Set<String> digests = new HashSet<>();
        digests.add(digest(content()));
        for (int i = 0; i < content().length; i++) {
            Object[] changed = content();
            changed[i] = switch (changed[i]) {
                case null -> "x";
                case Integer n -> n + 1;
                case Long n -> n + 1;
                case Instant t -> t.plusNanos(1000);
                default -> changed[i] + "x";
            };
            digests.add(digest(changed));
        }
        assertThat(digests).hasSize(content().length + 1);
    }

    @Test
    void nullEmptyAndShiftedValuesAreNotConfused() {
        Object[] nullReason = content();
        Object[] emptyReason = content();
        emptyReason[11] = "";
        assertThat(digest(nullReason)).isNotEqualTo(digest(emptyReason));
        // moving characters from one field to the next must not give the same digest
        Object[] a = content();
        Object[] b = content();
        a[9] = "SEN";
        a[10] = "DX";
        b[9] = "SEND";
        b[10] = "X";
        assertThat(digest(a)).isNotEqualTo(digest(b));
        // multi-byte characters are counted in bytes
        Object[] c = content();
        c[0] = "zoë";
        assertThat(digest(c)).isNotEqualTo(digest(content()));
    }

    @Test
    void theEntryHashLinksChainSeqPreviousHashKindTimesAndDigest() {
        String digest = digest(content());
        String base = CanonicalForm.entryHash("c-1", 7, "0".repeat(64), "DECISION", T, T, digest);
        assertThat(CanonicalForm.entryHash("c-1", 7, "0".repeat(64), "DECISION", T, T, digest)).isEqualTo(base);
        assertThat(Set.of(
                CanonicalForm.entryHash("c-2", 7, "0".repeat(64), "DECISION", T, T, digest),
                CanonicalForm.entryHash("c-1", 8, "0".repeat(64), "DECISION", T, T, digest),
                CanonicalForm.entryHash("c-1", 7, "1".repeat(64), "DECISION", T, T, digest),
                CanonicalForm.entryHash("c-1", 7, "0".repeat(64), "INCIDENT", T, T, digest),
                CanonicalForm.entryHash("c-1", 7, "0".repeat(64), "DECISION", T.plusMillis(1), T, digest),
                CanonicalForm.entryHash("c-1", 7, "0".repeat(64), "DECISION", T, T.plusMillis(1), digest),
                CanonicalForm.entryHash("c-1", 7, "0".repeat(64), "DECISION", T, T, "f".repeat(64)),
                base)).hasSize(8);
    }
}
