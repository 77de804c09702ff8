package dev.touchpoint.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.ledger.EntryKind;
import io.camunda.zeebe.protocol.record.ImmutableRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RecordValue;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessMessageSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ErrorType;
import io.camunda.zeebe.protocol.record.value.ImmutableIncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableProcessMessageSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableTimerRecordValue;
import io.camunda.zeebe.protocol.record.value.ImmutableVariableRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessHistoryMapperTest {

    private static final long INSTANCE = 2251799813685249L;
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final ProcessHistoryMapper mapper = new ProcessHistoryMapper("customerId", "campaignId", true, Duration.ofSeconds(30));
    private long time = NOW.toEpochMilli();

    @Test
    void aJourneyBecomesStartStepsMessageTimerIncidentAndEndForItsCustomer() {
        feed(variable("campaignId", "\"spring-sale\""));
        feed(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.PROCESS, "welcome"));
        feed(variable("customerId", "\"c-1\""));
        feed(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.START_EVENT, "started"));
        feed(element(ProcessInstanceIntent.ELEMENT_COMPLETED, BpmnElementType.START_EVENT, "started"));
        feed(element(ProcessInstanceIntent.ELEMENT_COMPLETED, BpmnElementType.SEQUENCE_FLOW, "to-wait"));
        feed(record(ValueType.PROCESS_MESSAGE_SUBSCRIPTION, ProcessMessageSubscriptionIntent.CORRELATED,
                ImmutableProcessMessageSubscriptionRecordValue.builder().withProcessInstanceKey(INSTANCE).withBpmnProcessId("welcome")
                        .withElementId("app-installed").withMessageName("app.installed").withCorrelationKey("ana@example.com")
                        .withMessageKey(99).build()));
        feed(record(ValueType.TIMER, TimerIntent.TRIGGERED, ImmutableTimerRecordValue.builder().withProcessInstanceKey(INSTANCE)
                .withTargetElementId("two-days").withDueDate(NOW.toEpochMilli()).build()));
        feed(record(ValueType.INCIDENT, IncidentIntent.CREATED, ImmutableIncidentRecordValue.builder().withProcessInstanceKey(INSTANCE)
                .withBpmnProcessId("welcome").withElementId("send-sms").withErrorType(ErrorType.JOB_NO_RETRIES)
                .withErrorMessage("invalid number +4915112345678").withJobKey(77).build()));
        feed(element(ProcessInstanceIntent.ELEMENT_COMPLETED, BpmnElementType.PROCESS, "welcome"));

        List<EntryDraft> drafts = mapper.drainReady(NOW);
        assertThat(drafts).extracting(EntryDraft::kind).containsExactly(EntryKind.JOURNEY_STARTED, EntryKind.JOURNEY_STEP,
                EntryKind.JOURNEY_STEP, EntryKind.MESSAGE_CORRELATED, EntryKind.TIMER_TRIGGERED, EntryKind.INCIDENT, EntryKind.JOURNEY_ENDED);
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.customerId()).isEqualTo("c-1");
            assertThat(d.processId()).isEqualTo("welcome");
            assertThat(d.processVersion()).isEqualTo(4);
            assertThat(d.processInstanceKey()).isEqualTo(INSTANCE);
        });
        assertThat(drafts.get(0).attributes()).containsEntry("campaignId", "spring-sale");
        assertThat(drafts.get(0).occurredAt()).as("the record's own time").isEqualTo(NOW.plusMillis(2));
        assertThat(drafts.get(2).outcome()).isEqualTo("COMPLETED");
        assertThat(drafts.get(3).personal()).as("a correlation key may be an address").containsEntry("correlationKey", "ana@example.com");
        assertThat(drafts.get(3).attributes()).containsEntry("messageName", "app.installed");
        assertThat(drafts.get(4).elementId()).isEqualTo("two-days");
        assertThat(drafts.get(5).reason()).isEqualTo("JOB_NO_RETRIES");
        assertThat(drafts.get(5).personal()).containsEntry("errorMessage", "invalid number +4915112345678");
        assertThat(drafts.get(5).attributes()).containsEntry("jobKey", "77");
        assertThat(drafts.get(6).outcome()).isEqualTo("COMPLETED");
        assertThat(mapper.trackedInstances()).isZero();
    }

    @Test
    void withoutACustomerVariableTheStepsGoToTheJourneysChainAfterTheWait() {
        feed(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.PROCESS, "welcome"));
        feed(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.SERVICE_TASK, "send-email"));
        assertThat(mapper.drainReady(NOW.plusSeconds(29))).as("still waiting for the customer").isEmpty();
        List<EntryDraft> drafts = mapper.drainReady(NOW.plusSeconds(31));
        assertThat(drafts).hasSize(2).allSatisfy(d -> {
            assertThat(d.customerId()).isNull();
            assertThat(d.chainId()).isEqualTo(Chains.JOURNEYS);
        });
        feed(variable("customerId", "\"late\""));
        feed(element(ProcessInstanceIntent.ELEMENT_COMPLETED, BpmnElementType.SERVICE_TASK, "send-email"));
        assertThat(mapper.drainReady(NOW.plusSeconds(32))).singleElement()
                .satisfies(d -> assertThat(d.customerId()).as("an instance is attributed one way only").isNull());
    }

    @Test
    void commandsRejectionsAndLocalVariablesAreIgnored() {
        feed(ImmutableRecord.<RecordValue>builder().withRecordType(RecordType.COMMAND).withValueType(ValueType.PROCESS_INSTANCE)
                .withIntent(ProcessInstanceIntent.ACTIVATE_ELEMENT).withTimestamp(time).withValue(processValue(BpmnElementType.PROCESS, "welcome"))
                .build());
        feed(ImmutableRecord.<RecordValue>builder().withRecordType(RecordType.EVENT).withValueType(ValueType.VARIABLE)
                .withIntent(VariableIntent.CREATED).withTimestamp(time).withValue(ImmutableVariableRecordValue.builder()
                        .withName("customerId").withValue("\"local\"").withScopeKey(INSTANCE + 5).withProcessInstanceKey(INSTANCE)
                        .withBpmnProcessId("welcome").build()).build());
        feed(element(ProcessInstanceIntent.ELEMENT_ACTIVATED, BpmnElementType.PROCESS, "welcome"));
        feed(element(ProcessInstanceIntent.ELEMENT_TERMINATED, BpmnElementType.PROCESS, "welcome"));
        List<EntryDraft> drafts = mapper.drainReady(NOW);
        assertThat(drafts).extracting(EntryDraft::kind).containsExactly(EntryKind.JOURNEY_STARTED, EntryKind.JOURNEY_ENDED);
        assertThat(drafts).allSatisfy(d -> assertThat(d.customerId()).isNull());
        assertThat(drafts.get(1).outcome()).isEqualTo("TERMINATED");
    }

    private void feed(Record<?> record) {
        mapper.accept(record, NOW);
    }

    private Record<RecordValue> record(ValueType type, Intent intent, RecordValue value) {
        return ImmutableRecord.<RecordValue>builder().withRecordType(RecordType.EVENT).withValueType(type).withIntent(intent)
                .withKey(time).withTimestamp(++time).withValue(value).build();
    }

    private Record<RecordValue> variable(String name, String json) {
        return record(ValueType.VARIABLE, VariableIntent.CREATED, ImmutableVariableRecordValue.builder().withName(name).withValue(json)
                .withScopeKey(INSTANCE).withProcessInstanceKey(INSTANCE).withBpmnProcessId("welcome").build());
    }

    private Record<RecordValue> element(ProcessInstanceIntent intent, BpmnElementType type, String elementId) {
        return record(ValueType.PROCESS_INSTANCE, intent, processValue(type, elementId));
    }

    private static RecordValue processValue(BpmnElementType type, String elementId) {
        return ImmutableProcessInstanceRecordValue.builder().withBpmnProcessId("welcome").withVersion(4).withProcessInstanceKey(INSTANCE)
                .withElementId(elementId).withBpmnElementType(type).withProcessDefinitionKey(11).build();
    }
}
