package dev.touchpoint.campaign.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an audience CSV file record by record with Apache Commons CSV (ADR-0018), in the same format as the customer
 * import: RFC 4180 (quoted fields may hold commas, quotes written twice and line breaks; CRLF, LF or CR), an optional
 * UTF-8 byte order mark, empty lines skipped. Streaming: a record longer than {@link #MAX_RECORD_CHARS} (a quote
 * never closed swallows the rest of the file) is refused rather than collected. Each record knows the line of the
 * file it starts on.
 */
final class AudienceCsv {

    /** The longest record read (characters); longer is reported as malformed. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false) // an empty line is a record of one empty field: skipped here, so line numbers stay exact
            .get();

    record Row(long line, List<String> cells) {
    }

    /** Malformed quoting (a quote never closed, text after a closing quote) in the record starting on {@code line}. */
    static final class MalformedCsvException extends RuntimeException {
        final long line;

        MalformedCsvException(long line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final CountingReader input;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    AudienceCsv(Reader reader) {
        this.input = new CountingReader(withoutByteOrderMark(reader));
        try {
            this.parser = CSVParser.builder().setReader(input).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** The next non-empty record, or null at the end of the file. */
    Row next() {
        while (true) {
            // the parser has consumed the line breaks of every record so far, also those inside quoted fields
            long line = parser.getCurrentLineNumber() + 1;
            input.recordStarts();
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw malformed(line, e);
            }
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            return new Row(line, record.toList());
        }
    }

    private static RuntimeException malformed(long line, UncheckedIOException e) {
        if (e.getCause() instanceof CountingReader.RecordTooLong) {
            return new MalformedCsvException(line, "a record longer than " + MAX_RECORD_CHARS + " characters (is a quote never closed?)");
        }
        if (e.getCause() instanceof CSVException csv) {
            String message = csv.getMessage() == null ? "" : csv.getMessage();
            if (message.contains("EOF reached before encapsulated token finished")) {
                return new MalformedCsvException(line, "a quoted field is not closed");
            }
            if (message.contains("Invalid character between encapsulated token and delimiter")) {
                return new MalformedCsvException(line, "text after the closing quote of a quoted field (a quote inside a field is written twice: \"\")");
            }
            return new MalformedCsvException(line, "malformed CSV: " + message);
        }
        return e; // reading the upload failed: not the file's fault
    }

    private static Reader withoutByteOrderMark(Reader reader) {
        PushbackReader pushback = new PushbackReader(reader, 1);
        try {
            int first = pushback.read();
            if (first != -1 && first != '\uFEFF') {
                pushback.unread(first);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pushback;
    }

    /** Fails a read once the current record has taken more than the limit (plus the parser's read-ahead buffer). */
    private static final class CountingReader extends FilterReader {

        private static final long LIMIT = MAX_RECORD_CHARS + 8192L;

        static final class RecordTooLong extends IOException {
            RecordTooLong() {
                super("record too long");
            }
        }

        private long delivered;
        private long recordStart;

        CountingReader(Reader in) {
            super(in);
        }

        void recordStarts() {
            recordStart = delivered;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c != -1) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RecordTooLong {
            delivered += n;
            if (delivered - recordStart > LIMIT) {
                throw new RecordTooLong();
            }
        }
    }
}
