package dev.touchpoint.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.ExportFormat;
import dev.touchpoint.ledger.LedgerEntryFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The exported forms of an entry, byte for byte: auditors' tools read them, so a field's name, place and format never
 * change by accident. The same JSON is what the ledger API answers.
 */
class EntryExportTest {

    private static final Instant OCCURRED = Instant.parse("2026-11-22T10:15:30.123456Z");

    static EvidenceEntry full() {
        return new EvidenceEntry(7, "c-1", 3, EntryKind.DECISION, OCCURRED, OCCURRED.plusMillis(5), new LedgerEntryFields("c-1",
                "welcome", 3, 2251799813685249L, "send-email", "EMAIL", "welcome", "1.0.0", "ab".repeat(32), "DEFER", "OUT",
                "QUIET_HOURS", OCCURRED.plusSeconds(3600), "{\"customer\":\"known\",\"consents\":[]}", "<m@x>", "tp-1-2"),
                new TreeMap<>(Map.of("engine", "e1", "campaignId", "winter")), new TreeMap<>(Map.of("detail", "quiet, \"night\"")),
                EvidenceEntry.PersonalData.READABLE, "c2VhbGVk", "key-1", "d".repeat(64), "p".repeat(64), "h".repeat(64), 12L);
    }

    static EvidenceEntry sparse() {
        return new EvidenceEntry(8, "~system", 1, EntryKind.RETENTION_APPLIED, OCCURRED, OCCURRED, LedgerEntryFields.NONE,
                Map.of(), Map.of(),
                EvidenceEntry.PersonalData.NONE, null, null, "d".repeat(64), null, "h".repeat(64), null);
    }

    private static String export(ExportFormat format, EvidenceEntry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EntryExport export = EntryExport.of(format, bytes);
        for (EvidenceEntry entry : entries) {
            export.write(entry);
        }
        export.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The expected bytes, recorded from the export as it was before its fields were gathered in one record. */
    private static String golden(String name) throws IOException {
        try (InputStream in = EntryExportTest.class.getResourceAsStream("/ledger-export/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jsonLinesKeepEveryFieldsNameAndPlaceAndLeaveOutNulls() throws IOException {
        assertThat(export(ExportFormat.JSONL, full(), sparse())).isEqualTo(golden("entries.jsonl"));
    }

    @Test
    void csvKeepsItsColumns() throws IOException {
        assertThat(export(ExportFormat.CSV, full(), sparse())).isEqualTo(golden("entries.csv"));
    }
}
