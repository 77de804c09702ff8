package dev.touchpoint.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File shapes of audience uploads and customer imports: spreadsheet exports, hand-written files, broken quoting. */
class CsvRecordsFileShapesTest {

    @Test
    void quotedCommasLineBreaksAndQuotesByteOrderMarkCrlfAndEmptyLines() {
        String csv = "\uFEFFname,customerId\r\n"
                + "\"Smith, Jo\",c-1\r\n"
                + "\r\n"
                + "  \r\n"
                + "\"Two\r\nLines\",c-2\r\n"
                + "\"says \"\"hi\"\"\",\"c-3\"\n"
                + "\"lone\rCR\",c-4\r"
                + "last,c-5";
        assertThat(all(csv)).extracting(CsvRecords.CsvRecord::line, row -> row.fields())
                .containsExactly(
                        tuple(1, List.of("name", "customerId")),
                        tuple(2, List.of("Smith, Jo", "c-1")),
                        tuple(5, List.of("Two\r\nLines", "c-2")),
                        tuple(7, List.of("says \"hi\"", "c-3")),
                        tuple(8, List.of("lone\rCR", "c-4")),
                        tuple(10, List.of("last", "c-5")));
    }

    @Test
    void malformedQuotingNamesTheLineTheRecordStartsOn() {
        CsvRecords unclosed = new CsvRecords(new StringReader("c-1\nc-2\n\"c-3\nc-4\n"));
        assertThat(unclosed.next().fields()).containsExactly("c-1");
        assertThat(unclosed.next().fields()).containsExactly("c-2");
        assertThatThrownBy(unclosed::next).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("a quoted field is not closed");
        });

        CsvRecords trailing = new CsvRecords(new StringReader("id\n\"c-1\" x\n"));
        assertThat(trailing.next().line()).isEqualTo(1);
        assertThatThrownBy(trailing::next).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("text after the closing quote of a quoted field");
        });
    }

    @Test
    void aQuoteNeverClosedDoesNotCollectTheRestOfAHugeFile() {
        StringBuilder file = new StringBuilder("customerId\n\"c-1\n");
        while (file.length() < 3 * CsvRecords.MAX_RECORD_CHARS) {
            file.append("c-more\n");
        }
        CsvRecords reader = new CsvRecords(new StringReader(file.toString()));
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(2);
            assertThat(e.getMessage()).contains("longer than " + CsvRecords.MAX_RECORD_CHARS);
        });
    }

    private static List<CsvRecords.CsvRecord> all(String csv) {
        CsvRecords reader = new CsvRecords(new StringReader(csv));
        List<CsvRecords.CsvRecord> rows = new ArrayList<>();
        for (CsvRecords.CsvRecord row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
