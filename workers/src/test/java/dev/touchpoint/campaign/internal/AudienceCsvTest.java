package dev.touchpoint.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceCsvTest {

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
        assertThat(all(csv)).extracting(AudienceCsv.Row::line, row -> row.cells())
                .containsExactly(
                        tuple(1L, List.of("name", "customerId")),
                        tuple(2L, List.of("Smith, Jo", "c-1")),
                        tuple(5L, List.of("Two\r\nLines", "c-2")),
                        tuple(7L, List.of("says \"hi\"", "c-3")),
                        tuple(8L, List.of("lone\rCR", "c-4")),
                        tuple(10L, List.of("last", "c-5")));
    }

    @Test
    void malformedQuotingNamesTheLineTheRecordStartsOn() {
        AudienceCsv unclosed = new AudienceCsv(new StringReader("c-1\nc-2\n\"c-3\nc-4\n"));
        assertThat(unclosed.next().cells()).containsExactly("c-1");
        assertThat(unclosed.next().cells()).containsExactly("c-2");
        assertThatThrownBy(unclosed::next).isInstanceOfSatisfying(AudienceCsv.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(3);
            assertThat(e.getMessage()).isEqualTo("a quoted field is not closed");
        });

        AudienceCsv trailing = new AudienceCsv(new StringReader("id\n\"c-1\" x\n"));
        assertThat(trailing.next().line()).isEqualTo(1);
        assertThatThrownBy(trailing::next).isInstanceOfSatisfying(AudienceCsv.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("text after the closing quote of a quoted field");
        });
    }

    @Test
    void aQuoteNeverClosedDoesNotCollectTheRestOfAHugeFile() {
        StringBuilder file = new StringBuilder("customerId\n\"c-1\n");
        while (file.length() < 3 * AudienceCsv.MAX_RECORD_CHARS) {
            file.append("c-more\n");
        }
        AudienceCsv reader = new AudienceCsv(new StringReader(file.toString()));
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(AudienceCsv.MalformedCsvException.class, e -> {
            assertThat(e.line).isEqualTo(2);
            assertThat(e.getMessage()).contains("longer than " + AudienceCsv.MAX_RECORD_CHARS);
        });
    }

    private static List<AudienceCsv.Row> all(String csv) {
        AudienceCsv reader = new AudienceCsv(new StringReader(csv));
        List<AudienceCsv.Row> rows = new ArrayList<>();
        for (AudienceCsv.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
