package dev.touchpoint.context.internal;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void anUnclosedQuoteNamesTheLineItStartedOn() {
        assertThatThrownBy(() -> all("id\n1\n\"open\n2\n")).isInstanceOfSatisfying(CsvRecords.MalformedCsvException.class,
                e -> assertThat(e.line).isEqualTo(3));
    }

    private static List<CsvRecords.CsvRecord> all(String csv) {
        CsvRecords reader = new CsvRecords(new StringReader(csv));
        List<CsvRecords.CsvRecord> records = new ArrayList<>();
        for (var record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }
}
