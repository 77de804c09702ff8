package dev.touchpoint.csv;

import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CsvRecordsTest {

    @Test
    void readsQuotedFieldsAndKnowsWhereEachRecordStarts() {
        String csv = "\uFEFFid,name,note\r\n1,\"Smith, Jo\",\"says \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",x\n3,,\n";
        List<CsvRecords.CsvRecord> records = all(csv);
        assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1, 2, 4, 6);
        assertThat(records.get(0).fields()).containsExactly("id", "name", "note");
        assertThat(records.get(1).fields()).containsExactly("1", "Smith, Jo", "says \"hi\"");
        assertThat(records.get(2).fields()).containsExactly("2", "two\nlines", "x");
        assertThat(records.get(3).fields()).containsExactly("3", "", "");
    }

    @Test
    void lineNumbersStayRightAfterLineBreaksOfEveryKindInsideQuotes() {
        // CRLF, LF and a lone CR (old Mac files) inside quoted fields each count as one line of the file
        String csv = "id,note\r\n1,\"a\r\nb\"\r\n2,\"c\rd\"\r\n3,\"e\nf\ng\"\n4,x";
        List<CsvRecords.CsvRecord> records = all(csv);
        assertThat(records).extracting(CsvRecords.CsvRecord::line).containsExactly(1, 2, 4, 6, 9);
        assertThat(records.get(1).fields()).containsExactly("1", "a\r\nb");
        assertThat(records.get(2).fields()).containsExactly("2", "c\rd");
        assertThat(records.get(4).fields()).containsExactly("4", "x");
    }

    @Test
    void emptyLinesAnywhereAreSkippedAndOnlyALeadingByteOrderMarkIsDropped() {
        assertThat(all("\uFEFF\n\nid\r\n\r\nx\uFEFFy\r\n\r\n")).extracting(CsvRecords.CsvRecord::line, r -> r.fields().getFirst())
                .containsExactly(tuple(3, "id"), tuple(5, "x\uFEFFy"));
        // a mark that is not at the very start is data
        assertThat(all("\r\n\uFEFFid\n\n\r\n1\r\n\r\n\n")).extracting(r -> r.fields().getFirst()).containsExactly("\uFEFFid", "1");
        assertThat(all("")).isEmpty();
        assertThat(all("\uFEFF")).isEmpty();
    }

    @Test
    void anUnclosedQuoteNamesTheLineItStartedOn() {
        assertThatThrownBy(() -> all("id\n1\n\"open\n2\n")).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class,
                e -> {
                    assertThat(e.line).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo("a quoted field is not closed");
                });
    }

    @Test
    void textAfterAClosingQuoteIsMalformedAndNamesItsLine() {
        CsvRecords reader = new CsvRecords(new StringReader("id,name\n1,\"Jo\"\n2,\"Smith\" Jr,x\n3,y\n"));
        assertThat(reader.next().line()).isEqualTo(1);
        assertThat(reader.next().fields()).containsExactly("1", "Jo");
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("text after the closing quote of a quoted field");
        });
    }

    @Test
    void anUnclosedQuoteDoesNotReadTheRestOfAHugeFileIntoOneField() {
        // about 4 MB of rows after a quote that is never closed: the reader gives up after about MAX_RECORD_CHARS
        StringBuilder rest = new StringBuilder("id,note\n1,\"never closed\n");
        while (rest.length() < 4 * CsvRecords.MAX_RECORD_CHARS) {
            rest.append("2,some ordinary row of the file\n");
        }
        CountingReader input = new CountingReader(new StringReader(rest.toString()));
        CsvRecords reader = new CsvRecords(input);
        assertThat(reader.next().fields()).containsExactly("id", "note");
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(2);
            assertThat(e.getMessage()).contains("longer than " + CsvRecords.MAX_RECORD_CHARS);
        });
        assertThat(input.read).isLessThan(2L * CsvRecords.MAX_RECORD_CHARS);
    }

    @Test
    void aLongButClosedRecordIsRead() {
        String big = "x".repeat(CsvRecords.MAX_RECORD_CHARS / 2);
        assertThat(all("id,note\n1,\"" + big + "\"\n2,\"" + big + "\"\n")).extracting(r -> r.fields().get(1).length())
                .containsExactly(4, big.length(), big.length());
    }

    private static List<CsvRecords.CsvRecord> all(String csv) {
        CsvRecords reader = new CsvRecords(new StringReader(csv));
        List<CsvRecords.CsvRecord> records = new ArrayList<>();
        for (var record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }

    /** How many characters were taken from the input. */
    private static final class CountingReader extends java.io.FilterReader {
        long read;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int c = super.read();
            read += c == -1 ? 0 : 1;
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            read += Math.max(0, n);
            return n;
        }
    }
}
