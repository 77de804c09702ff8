package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.protocol.record.ImmutableRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The bounded window of engine records: readers with cursors miss nothing, everything else is trimmed. */
class EngineRecordLogTest {

    private final List<Record<?>> engineLog = new ArrayList<>();
    private int read;
    private final AtomicLong released = new AtomicLong(-1);

    private EngineRecordLog log(int retained) {
        return new EngineRecordLog(into -> {
            long last = -1;
            for (; read < engineLog.size(); read++) {
                into.add(engineLog.get(read));
                last = engineLog.get(read).getPosition();
            }
            return last;
        }, retained, released::set, Duration.ZERO);
    }

    private void write(int count) {
        for (int i = 0; i < count; i++) {
            long position = engineLog.size() + 1;
            engineLog.add(ImmutableRecord.<RecordValue>builder().withPosition(position).withRecordType(RecordType.EVENT)
                    .withValueType(ValueType.JOB).build());
        }
    }

    private static List<Long> positions(Iterable<Record<?>> records) {
        return StreamSupport.stream(records.spliterator(), false).map(Record::getPosition).toList();
    }

    @Test
    void withoutReadersOnlyTheMostRecentRecordsAreHeld() {
        EngineRecordLog log = log(3);
        write(10);
        assertThat(positions(log.all())).containsExactly(8L, 9L, 10L);
        assertThat(log.held()).isEqualTo(3);
        assertThat(log.read()).isEqualTo(10);
        log.drain();
        assertThat(released.get()).as("the engine's log may release what was read").isEqualTo(10);
    }

    @Test
    void aCursorSeesEveryRecordInOrderAndHoldsOnlyWhatItHasNotRead() {
        EngineRecordLog log = log(0);
        try (EngineRuntime.Cursor cursor = log.cursor("ledger")) {
            write(5);
            assertThat(positions(cursor.next(2))).containsExactly(1L, 2L);
            log.drain();
            assertThat(log.held()).as("held for the cursor: not read yet").isEqualTo(3);
            write(5);
            assertThat(positions(cursor.next(100))).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(cursor.next(100)).isEmpty();
            log.drain();
            assertThat(log.held()).isZero();
        }
    }

    @Test
    void aClosedCursorNoLongerHoldsRecords() {
        EngineRecordLog log = log(1);
        EngineRuntime.Cursor cursor = log.cursor("simulation");
        write(50);
        log.drain();
        assertThat(log.held()).isEqualTo(50);
        cursor.close();
        assertThat(log.held()).isEqualTo(1);
        assertThatThrownBy(() -> cursor.next(1)).hasMessageContaining("simulation").hasMessageContaining("closed");
    }

    @Test
    void aSubscriptionGetsEveryRecordOnceAndAFailingListenerSkipsOnlyThatRecord() {
        EngineRecordLog log = log(0);
        List<Long> seen = new ArrayList<>();
        EngineRuntime.Subscription subscription = log.subscribe("index", record -> {
            if (record.getPosition() == 3) {
                throw new IllegalStateException("boom");
            }
            seen.add(record.getPosition());
        });
        write(4);
        log.drain();
        write(2);
        subscription.catchUp();
        log.drain();
        assertThat(seen).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(log.held()).isZero();
        subscription.close();
        write(1);
        log.drain();
        assertThat(seen).as("closed: nothing more").hasSize(5);
    }

    @Test
    void aCursorOpenedLaterStartsAtTheOldestRecordHeld() {
        EngineRecordLog log = log(2);
        write(6);
        log.drain();
        try (EngineRuntime.Cursor late = log.cursor("late")) {
            assertThat(positions(late.next(10))).containsExactly(5L, 6L);
        }
    }
}
