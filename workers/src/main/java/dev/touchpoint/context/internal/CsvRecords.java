package dev.touchpoint.context.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: comma separated, fields optionally in double quotes, {@code ""} for a quote inside
 * quotes, line breaks inside quoted fields, CRLF or LF, an optional UTF-8 byte order mark. Each record knows the line
 * it starts on, for error reports.
 */
final class CsvRecords {

    record CsvRecord(int line, List<String> fields) {
    }

    /** Thrown for a quote that is never closed; carries the line the record started on. */
    static final class MalformedCsvException extends RuntimeException {
        final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private final Reader reader;
    private int line = 1;
    private int pushedBack = -2;
    private boolean first = true;

    CsvRecords(Reader reader) {
        this.reader = reader;
    }

    /** The next record, or null at the end of input. Blank lines are skipped. */
    CsvRecord next() {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return readRecord();
        }
    }

    private CsvRecord readRecord() {
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new MalformedCsvException(start, "a quoted field is not closed");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        unread(next);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        unread(next);
                    }
                }
                fields.add(field.toString());
                if (c != -1) {
                    line++;
                }
                return new CsvRecord(start, fields);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
            } else {
                field.append((char) c);
            }
        }
    }

    private int read() {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        try {
            int c = reader.read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = reader.read();
                }
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
