package dev.touchpoint.csv;

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
 * Reads a CSV file as users upload them (customer imports, campaign audiences) record by record with Apache Commons
 * CSV (ADR-0018): RFC 4180 (comma separated, fields optionally
 * in double quotes, {@code ""} for a quote inside quotes, line breaks inside quoted fields, CRLF, LF or CR), an
 * optional UTF-8 byte order mark, empty lines skipped. Streaming: one record at a time, and a record longer than
 * {@link #MAX_RECORD_CHARS} (a quote that is never closed swallows the rest of the file) is refused instead of being
 * collected. Each record knows the line of the file it starts on, for error reports.
 */
public final class CsvRecords {

    /** The longest record read (characters); longer is reported as malformed. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false) // an empty line is a record of one empty field: skipped here, so line numbers stay exact
            .get();

    public record CsvRecord(int line, List<String> fields) {
    }

    /** Thrown for malformed quoting (a quote never closed, text after a closing quote); carries the record's first line. */
    public static final class MalformedCsvException extends RuntimeException {
        public final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final BoundedReader input;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    public CsvRecords(Reader reader) {
        this.input = new BoundedReader(withoutByteOrderMark(reader), MAX_RECORD_CHARS);
        try {
            this.parser = CSVParser.builder().setReader(input).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** The next record, or null at the end of input. Empty and blank lines are skipped. */
    public CsvRecord next() {
        while (true) {
            // the parser has consumed the line breaks of every record so far (also those inside quoted fields)
            int line = Math.toIntExact(parser.getCurrentLineNumber() + 1);
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
            return new CsvRecord(line, record.toList());
        }
    }

    private static RuntimeException malformed(int line, UncheckedIOException e) {
        if (e.getCause() instanceof BoundedReader.RecordTooLong) {
            return new MalformedCsvException(line, "a record longer than " + MAX_RECORD_CHARS
                    + " characters (is a quote never closed?)");
        }
        if (e.getCause() instanceof CSVException csv) {
            String message = csv.getMessage() == null ? "" : csv.getMessage();
            if (message.contains("EOF reached before encapsulated token finished")) {
                return new MalformedCsvException(line, "a quoted field is not closed");
            }
            if (message.contains("Invalid character between encapsulated token and delimiter")) {
                return new MalformedCsvException(line, "text after the closing quote of a quoted field"
                        + " (a quote inside a field is written twice: \"\")");
            }
            return new MalformedCsvException(line, "malformed CSV: " + message);
        }
        return e; // reading the input failed: not the file's fault
    }

    /** The reader without a leading U+FEFF (a UTF-8 byte order mark, decoded). */
    static Reader withoutByteOrderMark(Reader reader) {
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

    /**
     * Counts the characters handed to the parser since the current record started and fails once they exceed the
     * limit (plus the parser's read-ahead buffer), so one record never holds more than about that much memory.
     */
    static final class BoundedReader extends FilterReader {

        /** The parser's own buffer reads ahead of the record it parses. */
        private static final int READ_AHEAD = 8192;

        static final class RecordTooLong extends IOException {
            RecordTooLong() {
                super("record too long");
            }
        }

        private final long limit;
        private long delivered;
        private long recordStart;

        BoundedReader(Reader in, int limit) {
            super(in);
            this.limit = limit + (long) READ_AHEAD;
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
            if (delivered - recordStart > limit) {
                throw new RecordTooLong();
            }
        }
    }
}
