package dev.touchpoint.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules every journey follows (see workflows/README.md, "Conventions"): the six journeys are there, element ids
 * are kebab-case, touchpoint tasks name their template and customer, message catch events are correlated, and no
 * TOUCHPOINT_* error can reach the engine uncaught (it would become an incident).
 */
class JourneyConventionsTest {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private static List<Journey> journeys;

    @BeforeAll
    static void read() {
        journeys = Journey.all();
    }

    @Test
    void theSixJourneysAreThereOnePerFileNamedAfterTheProcess() {
        assertThat(journeys).extracting(Journey::processId)
                .containsExactlyInAnyOrderElementsOf(TouchpointContract.JOURNEYS).hasSize(6);
        for (Journey journey : journeys) {
            assertThat(journey.fileName()).isEqualTo(journey.processId() + ".bpmn");
            assertThat(journey.process().isExecutable()).as(journey.fileName() + " is executable").isTrue();
            assertThat(journey.process().getName()).as(journey.fileName() + " has a name").isNotBlank();
        }
    }

    @Test
    void journeysTargetCamunda88() {
        for (Journey journey : journeys) {
            var definitions = journey.model().getDefinitions();
            assertThat(definitions.getAttributeValueNs(Journey.MODELER_NS, "executionPlatform"))
                    .as(journey.fileName()).isEqualTo("Camunda Cloud");
            assertThat(definitions.getAttributeValueNs(Journey.MODELER_NS, "executionPlatformVersion"))
                    .as(journey.fileName()).isEqualTo("8.8.0");
        }
    }

    @Test
    void elementIdsAreKebabCase() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (BaseElement element : journey.model().getModelElementsByType(BaseElement.class)) {
                String id = element.getId();
                if (id != null && !KEBAB_CASE.matcher(id).matches()) {
                    problems.add(journey.at(id) + " (" + element.getElementType().getTypeName() + ")");
                }
            }
        }
        assertThat(problems).as("ids that are not kebab-case").isEmpty();
    }

    @Test
    void everyTouchpointTaskNamesItsTemplateAndCustomer() {
        List<String> problems = new ArrayList<>();
        int tasks = 0;
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.touchpointTasks()) {
                tasks++;
                if (Journey.header(task, "templateId").filter(v -> !v.isBlank()).isEmpty()) {
                    problems.add(journey.at(task.getId()) + " has no templateId header");
                }
                if (Journey.input(task, "customerId").map(i -> i.getSource()).filter(s -> s != null && !s.isBlank()).isEmpty()) {
                    problems.add(journey.at(task.getId()) + " has no customerId input");
                }
            }
            for (ServiceTask task : journey.serviceTasks()) {
                if (Journey.taskType(task).filter(TouchpointContract.ALL_TYPES::contains).isEmpty()) {
                    problems.add(journey.at(task.getId()) + " has task type " + Journey.taskType(task).orElse("(none)")
                            + ", which no touchpoint worker serves");
                }
            }
        }
        assertThat(tasks).as("touchpoint tasks in the journeys").isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void messageCatchEventsAreCorrelatedAndStartMessagesAreNot() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            List<String> startMessages = new ArrayList<>();
            for (Event event : journey.model().getModelElementsByType(Event.class)) {
                for (MessageEventDefinition definition : definitions(event, MessageEventDefinition.class)) {
                    Message message = definition.getMessage();
                    if (message == null || message.getName() == null) {
                        problems.add(journey.at(event.getId()) + " references no message name");
                        continue;
                    }
                    Optional<String> key = Optional.ofNullable(message.getSingleExtensionElement(ZeebeSubscription.class))
                            .map(ZeebeSubscription::getCorrelationKey).filter(k -> !k.isBlank());
                    boolean processStart = event instanceof StartEvent && event.getParentElement() instanceof Process;
                    if (processStart) {
                        startMessages.add(message.getName());
                        key.ifPresent(k -> problems.add(journey.at(event.getId()) + " starts the process but its message "
                                + message.getName() + " has correlation key " + k + " (start events subscribe without one)"));
                    } else if (key.isEmpty()) {
                        problems.add(journey.at(event.getId()) + " waits for " + message.getName() + " without a correlation key");
                    } else if (message.getName().equals(TouchpointContract.MESSAGE_FAILED)) {
                        if (!correlatesBySentMessageId(journey, key.get())) {
                            problems.add(journey.at(event.getId()) + " correlates " + message.getName() + " by " + key.get()
                                    + "; the contract says by the messageId of a touchpoint task's result variable");
                        }
                    } else if (!key.get().equals(TouchpointContract.CATCH_MESSAGES.get(message.getName()))) {
                        problems.add(journey.at(event.getId()) + " correlates " + message.getName() + " by " + key.get()
                                + "; the contract says " + TouchpointContract.CATCH_MESSAGES.get(message.getName()));
                    }
                }
            }
            String expectedStart = TouchpointContract.START_MESSAGES.get(journey.processId());
            assertThat(startMessages).as(journey.fileName() + " start messages")
                    .isEqualTo(expectedStart == null ? List.of() : List.of(expectedStart));
        }
        assertThat(problems).isEmpty();
    }

    /** {@code =<resultVariable>.messageId} of a touchpoint task of this journey (also inside a null guard). */
    private static boolean correlatesBySentMessageId(Journey journey, String key) {
        java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\.messageId\\b").matcher(key);
        Set<String> results = new java.util.HashSet<>();
        journey.touchpointTasks().forEach(task -> Journey.header(task, "resultVariable").ifPresent(results::add));
        boolean any = false;
        while (reference.find()) {
            if (!results.contains(reference.group(1))) {
                return false;
            }
            any = true;
        }
        return key.startsWith("=") && any;
    }

    @Test
    void noTouchpointErrorGoesUncaught() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.touchpointTasks()) {
                for (String code : TouchpointContract.ERROR_CODES) {
                    if (!caught(journey, task, code)) {
                        problems.add(journey.at(task.getId()) + " does not catch " + code);
                    }
                }
            }
        }
        assertThat(problems).as("touchpoint errors that would become incidents").isEmpty();
    }

    /**
     * The worker throws TOUCHPOINT_SUPPRESSED only when the task's header onSuppressed is "error" (otherwise it completes
     * with status SUPPRESSED): a task must say "error" exactly when a boundary catches it, or the catch never fires.
     */
    @Test
    void suppressionIsThrownExactlyWhereItIsCaught() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.touchpointTasks()) {
                boolean throwsIt = Journey.header(task, "onSuppressed").filter("error"::equals).isPresent();
                boolean catchesIt = caught(journey, task, TouchpointContract.SUPPRESSED);
                if (throwsIt != catchesIt) {
                    problems.add(journey.at(task.getId()) + (catchesIt
                            ? " catches TOUCHPOINT_SUPPRESSED but its header onSuppressed is not 'error': the catch never fires"
                            : " throws TOUCHPOINT_SUPPRESSED (onSuppressed=error) without catching it"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void errorEventsCatchTouchpointErrorsByCode() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (Event event : journey.model().getModelElementsByType(Event.class)) {
                for (ErrorEventDefinition definition : definitions(event, ErrorEventDefinition.class)) {
                    String code = definition.getError() == null ? null : definition.getError().getErrorCode();
                    if (code == null || !TouchpointContract.ERROR_CODES.contains(code)) {
                        problems.add(journey.at(event.getId()) + " catches " + code
                                + ": catch TOUCHPOINT_SUPPRESSED or TOUCHPOINT_UNDELIVERABLE by code, never all errors");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void errorBoundaryEventsKeepTheReasonAsAProcessVariable() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (BoundaryEvent boundary : journey.model().getModelElementsByType(BoundaryEvent.class)) {
                for (ErrorEventDefinition definition : definitions(boundary, ErrorEventDefinition.class)) {
                    String variable = TouchpointContract.REASON_VARIABLES.get(definition.getError().getErrorCode());
                    ZeebeIoMapping mapping = boundary.getSingleExtensionElement(ZeebeIoMapping.class);
                    boolean mapped = mapping != null && mapping.getOutputs().stream()
                            .anyMatch(o -> ("=" + variable).equals(o.getSource()) && variable.equals(o.getTarget()));
                    if (!mapped) {
                        problems.add(journey.at(boundary.getId()) + " lacks the output mapping =" + variable + " -> " + variable);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Whether an error thrown by the task's job would be caught, the way the engine looks for a catch event. */
    private static boolean caught(Journey journey, ServiceTask task, String code) {
        ModelElementInstance scope = task;
        while (scope != null) {
            if (scope instanceof FlowNode node && hasErrorBoundary(journey, node, code)) {
                return true;
            }
            ModelElementInstance parent = scope.getParentElement();
            if (parent instanceof SubProcess || parent instanceof Process) {
                Collection<FlowElement> siblings = parent instanceof SubProcess sub ? sub.getFlowElements()
                        : ((Process) parent).getFlowElements();
                for (FlowElement sibling : siblings) {
                    if (sibling instanceof SubProcess eventSub && eventSub.triggeredByEvent()
                            && eventSub.getChildElementsByType(StartEvent.class).stream().anyMatch(s -> catches(s, code))) {
                        return true;
                    }
                }
            }
            scope = parent instanceof Process ? null : parent;
        }
        return false;
    }

    private static boolean hasErrorBoundary(Journey journey, FlowNode node, String code) {
        return journey.model().getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo() == node)
                .anyMatch(b -> catches(b, code));
    }

    private static boolean catches(Event event, String code) {
        return definitions(event, ErrorEventDefinition.class).stream()
                .anyMatch(d -> d.getError() != null && code.equals(d.getError().getErrorCode()));
    }

    private static <T extends EventDefinition> List<T> definitions(Event event, Class<T> type) {
        return event.getChildElementsByType(EventDefinition.class).stream()
                .filter(type::isInstance).map(type::cast).toList();
    }
}
