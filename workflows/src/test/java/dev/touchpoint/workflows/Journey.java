package dev.touchpoint.workflows;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One journey file, read with Camunda's own BPMN model (the one the engine uses). */
record Journey(Path file, BpmnModelInstance model) {

    static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";
    static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";

    static List<Journey> all() {
        return WorkflowsFolder.journeyFiles().stream()
                .map(f -> new Journey(f, Bpmn.readModelFromFile(f.toFile())))
                .toList();
    }

    String fileName() {
        return file.getFileName().toString();
    }

    Process process() {
        List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
        if (processes.size() != 1) {
            throw new IllegalStateException(fileName() + " must hold exactly one process, has " + processes.size());
        }
        return processes.getFirst();
    }

    String processId() {
        return process().getId();
    }

    List<ServiceTask> serviceTasks() {
        return List.copyOf(model.getModelElementsByType(ServiceTask.class));
    }

    /** Service tasks whose type is one of the touchpoint.*.send / kiosk.show types. */
    List<ServiceTask> touchpointTasks() {
        return serviceTasks().stream()
                .filter(t -> taskType(t).filter(TouchpointContract.TOUCHPOINT_TYPES::contains).isPresent())
                .toList();
    }

    /** Where a finding points at: file and element id. */
    String at(String elementId) {
        return fileName() + " #" + elementId;
    }

    static Optional<String> taskType(ServiceTask task) {
        return Optional.ofNullable(task.getSingleExtensionElement(ZeebeTaskDefinition.class)).map(ZeebeTaskDefinition::getType);
    }

    static Optional<String> retries(ServiceTask task) {
        return Optional.ofNullable(task.getSingleExtensionElement(ZeebeTaskDefinition.class))
                .map(ZeebeTaskDefinition::getRetries);
    }

    /** Headers in document order (a list, so duplicates stay visible). */
    static List<ZeebeHeader> headers(ServiceTask task) {
        ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
        return headers == null ? List.of() : List.copyOf(headers.getHeaders());
    }

    static Optional<String> header(ServiceTask task, String key) {
        return headers(task).stream().filter(h -> key.equals(h.getKey())).map(ZeebeHeader::getValue).findFirst();
    }

    /** Input mappings in document order. */
    static List<ZeebeInput> inputs(ServiceTask task) {
        ZeebeIoMapping mapping = task.getSingleExtensionElement(ZeebeIoMapping.class);
        return mapping == null ? List.of() : List.copyOf(mapping.getInputs());
    }

    static Optional<ZeebeInput> input(ServiceTask task, String target) {
        return inputs(task).stream().filter(i -> target.equals(i.getTarget())).findFirst();
    }

    static Optional<String> modelerTemplate(ServiceTask task) {
        return Optional.ofNullable(task.getAttributeValueNs(ZEEBE_NS, "modelerTemplate"));
    }

    static Optional<String> modelerTemplateVersion(ServiceTask task) {
        return Optional.ofNullable(task.getAttributeValueNs(ZEEBE_NS, "modelerTemplateVersion"));
    }
}
