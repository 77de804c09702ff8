package dev.touchpoint.ledger.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.ExportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes entries one by one as JSON Lines or CSV. */
abstract class EntryExport {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    static final List<String> CSV_COLUMNS = List.of("id", "chain_id", "seq", "kind", "occurred_at", "recorded_at",
            "customer_id", "process_id", "process_version", "process_instance_key", "element_id", "channel", "template_id",
            "template_version", "content_sha256", "decision", "outcome", "reason", "until", "consent_snapshot",
            "provider_message_id", "idempotency_key", "attributes", "personal", "personal_data", "sealed_personal_data",
            "key_id", "content_digest", "prev_hash", "hash");

    protected final Writer out;

    EntryExport(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    }

    static EntryExport of(ExportFormat format, OutputStream stream) throws IOException {
        return format == ExportFormat.CSV ? new Csv(stream) : new JsonLines(stream);
    }

    abstract void write(EvidenceEntry entry) throws IOException;

    void finish() throws IOException {
        out.flush();
    }

    static final class JsonLines extends EntryExport {
        JsonLines(OutputStream stream) {
            super(stream);
        }

        @Override
        void write(EvidenceEntry entry) throws IOException {
            out.write(JSON.writeValueAsString(entry));
            out.write('\n');
        }
    }

    /**
     * RFC 4180 CSV. Text cells that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR)
     * are prefixed with an apostrophe.
     */
    static final class Csv extends EntryExport {
        Csv(OutputStream stream) throws IOException {
            super(stream);
            out.write(String.join(",", CSV_COLUMNS));
            out.write("\r\n");
        }

        @Override
        void write(EvidenceEntry e) throws IOException {
            List<String> cells = new ArrayList<>(CSV_COLUMNS.size());
            cells.add(Long.toString(e.id()));
            cells.add(text(e.chainId()));
            cells.add(Long.toString(e.seq()));
            cells.add(e.kind() == null ? "" : e.kind().name());
            cells.add(time(e.occurredAt()));
            cells.add(time(e.recordedAt()));
            e.fields().values().forEach(value -> cells.add(cell(value)));
            cells.add(map(e.attributes()));
            cells.add(map(e.personal()));
            cells.add(e.personalData() == null ? "" : e.personalData().name());
            cells.add(text(e.sealedPersonalData()));
            cells.add(text(e.keyId()));
            cells.add(text(e.contentDigest()));
            cells.add(text(e.prevHash()));
            cells.add(text(e.hash()));
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(cells.get(i)));
            }
            out.write("\r\n");
        }

        /** A content field's cell: numbers as they are, instants in ISO-8601, text with formulas neutralised. */
        private static String cell(Object value) {
            return switch (value) {
                case null -> "";
                case Instant instant -> time(instant);
                case Number number -> number.toString();
                default -> text(value.toString());
            };
        }

        private static String time(Instant instant) {
            return instant == null ? "" : instant.toString();
        }

        private static String map(Map<String, String> values) throws IOException {
            return values == null || values.isEmpty() ? "" : text(JSON.writeValueAsString(values));
        }

        /** Neutralises spreadsheet formulas in free text. */
        static String text(String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            char first = value.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                return "'" + value;
            }
            return value;
        }

        static String quote(String cell) {
            if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
                return cell;
            }
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
    }
}
