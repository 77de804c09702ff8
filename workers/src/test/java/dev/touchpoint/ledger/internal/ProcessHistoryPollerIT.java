package dev.touchpoint.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.EntryKind;
import dev.touchpoint.ledger.EvidenceEntry;
import dev.touchpoint.ledger.LedgerDatabases;
import io.camunda.zeebe.protocol.record.ImmutableRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ImmutableProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableVariableRecordValue;
import java.time.Clock;
import java.time.Duration;
import dev.touchpoint.engine.EngineRecordLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The record-stream reader: incremental reads, and nothing lost or read ahead while the database refuses writes. */
class ProcessHistoryPollerIT {

    private static final long INSTANCE = 2251799813685300L;
    private final List<Record<?>> log = new CopyOnWriteArrayList<>();
    private long time = 1_800_000_000_000L;

    @Test
    void readsOnlyNewRecordsAndRetriesWhatTheDatabaseRefused() {
        LedgerDatabases.Database db = LedgerDatabases.create(LedgerDatabases.Kind.H2);
        try (LedgerFixture f = new LedgerFixture(db, Map.of())) {
            int[] read = {0};
            // the engine's record log, fed from this test's list; it keeps nothing beyond what the poller has not read
            EngineRecordLog records = new EngineRecordLog(into -> {
                for (; read[0] < log.size(); read[0]++) {
                    into.add(log.get(read[0]));
                }
                return read[0];
            }, 0, null, Duration.ZERO);
            ProcessHistoryPoller poller = new ProcessHistoryPoller(records,
                    new ProcessHistoryMapper("customerId", "campaignId", true, Duration.ofSeconds(30)), f.writer,
                    Duration.ofSeconds(1), Clock.systemUTC());
            log.add(variable());
            log.add(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.PROCESS, "welcome"));
            log.add(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.SERVICE_TASK, "send-email"));
            assertThat(poller.poll()).isEqualTo(3);
            assertThat(kinds(f)).containsExactly(EntryKind.JOURNEY_STARTED, EntryKind.JOURNEY_STEP);
            assertThat(poller.poll()).as("nothing new").isZero();

            LedgerDatabases.execute(db.dataSource(), "ALTER TABLE ledger_entry RENAME TO ledger_entry_away");
            log.add(element(ProcessInstanceIntent.ELEMENT_COMPLETED, BpmnElementType.SERVICE_TASK, "send-email"));
            assertThat(poller.poll()).isEqualTo(1);
            log.add(element(ProcessInstanceIntent.ELEMENT_COMPLETED, BpmnElementType.PROCESS, "welcome"));
            assertThat(poller.poll()).as("no reading ahead while the last entries are not written").isZero();

            LedgerDatabases.execute(db.dataSource(), "ALTER TABLE ledger_entry_away RENAME TO ledger_entry");
            assertThat(poller.poll()).as("the retried entries first, then the record that waited").isEqualTo(1);
            assertThat(kinds(f)).containsExactly(EntryKind.JOURNEY_STARTED, EntryKind.JOURNEY_STEP, EntryKind.JOURNEY_STEP,
                    EntryKind.JOURNEY_ENDED);
            assertThat(f.ledger.verifyChain("c-poll").intact()).isTrue();
            poller.close();
            assertThat(records.held()).as("every record was read: none is held").isZero();
        }
    }

    private static List<EntryKind> kinds(LedgerFixture f) {
        return f.reader.allOf("c-poll").stream().map(EvidenceEntry::kind).toList();
    }

    private Record<RecordValue> variable() {
        return ImmutableRecord.<RecordValue>builder().withRecordType(RecordType.EVENT).withValueType(ValueType.VARIABLE)
                .withIntent(VariableIntent.CREATED).withTimestamp(++time).withValue(ImmutableVariableRecordValue.builder()
                        .withName("customerId").withValue("\"c-poll\"").withScopeKey(INSTANCE).withProcessInstanceKey(INSTANCE)
                        .withBpmnProcessId("welcome").build()).build();
    }

    private Record<RecordValue> element(ProcessInstanceIntent intent, BpmnElementType type, String elementId) {
        return ImmutableRecord.<RecordValue>builder().withRecordType(RecordType.EVENT).withValueType(ValueType.PROCESS_INSTANCE)
                .withIntent(intent).withKey(++time).withTimestamp(time).withValue(ImmutableProcessInstanceRecordValue.builder()
                        .withBpmnProcessId("welcome").withVersion(1).withProcessInstanceKey(INSTANCE).withElementId(elementId)
                        .withBpmnElementType(type).build()).build();
    }
}
