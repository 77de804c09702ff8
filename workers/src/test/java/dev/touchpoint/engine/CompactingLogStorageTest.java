package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded engine's log releases the blocks every reader passed, without disturbing a reader. */
class CompactingLogStorageTest {

    private static final LogStorage.AppendListener QUIET = new LogStorage.AppendListener() {
    };

    /** Appends blocks of positions 1-2, 3-4, ..., each holding its first position. */
    private static CompactingLogStorage withBlocks(int count) {
        CompactingLogStorage storage = new CompactingLogStorage();
        for (int i = 0; i < count; i++) {
            long lowest = 2L * i + 1;
            ByteBuffer data = ByteBuffer.allocate(Long.BYTES).putLong(0, lowest);
            storage.append(lowest, lowest + 1, data, QUIET);
        }
        return storage;
    }

    private static List<Long> remaining(LogStorageReader reader) {
        List<Long> firsts = new ArrayList<>();
        while (reader.hasNext()) {
            firsts.add(reader.next().getLong(0, java.nio.ByteOrder.BIG_ENDIAN));
        }
        return firsts;
    }

    @Test
    void releasesOnlyBlocksEntirelyBelowTheBound() {
        CompactingLogStorage storage = withBlocks(5); // 1-2, 3-4, 5-6, 7-8, 9-10
        assertThat(storage.bytes()).isEqualTo(5L * Long.BYTES);
        assertThat(storage.compactBelow(6)).as("5-6 holds position 6: kept").isEqualTo(2);
        assertThat(storage.blocks()).isEqualTo(3);
        assertThat(storage.bytes()).isEqualTo(3L * Long.BYTES);
        assertThat(remaining(storage.newReader())).containsExactly(5L, 7L, 9L);
    }

    @Test
    void aReaderInTheMiddleContinuesWhenBlocksBehindItAreReleased() {
        CompactingLogStorage storage = withBlocks(4);
        LogStorageReader reader = storage.newReader();
        assertThat(reader.next().getLong(0, java.nio.ByteOrder.BIG_ENDIAN)).isEqualTo(1L);
        assertThat(reader.next().getLong(0, java.nio.ByteOrder.BIG_ENDIAN)).isEqualTo(3L);
        storage.compactBelow(5);
        ByteBuffer later = ByteBuffer.allocate(Long.BYTES).putLong(0, 9L);
        storage.append(9, 10, later, QUIET);
        assertThat(remaining(reader)).containsExactly(5L, 7L, 9L);
    }

    @Test
    void seekingToAReleasedPositionStartsAtTheOldestBlockKept() {
        CompactingLogStorage storage = withBlocks(4);
        storage.compactBelow(5);
        LogStorageReader reader = storage.newReader();
        reader.seek(2);
        assertThat(remaining(reader)).containsExactly(5L, 7L);
        reader.seek(8);
        assertThat(remaining(reader)).as("the block holding 8 (7-8)").containsExactly(7L);
    }
}
