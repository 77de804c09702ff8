package dev.touchpoint.workflows;

import static dev.touchpoint.workflows.ElementTemplate.Binding.CALLED_DECISION;
import static dev.touchpoint.workflows.ElementTemplate.Binding.HEADER;
import static dev.touchpoint.workflows.ElementTemplate.Binding.INPUT;
import static dev.touchpoint.workflows.ElementTemplate.Binding.TASK_DEFINITION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.workflows.ElementTemplate.Property;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Camunda Modeler element templates, the journeys that apply them and the brand templates in sync (the
 * JSON schema itself is checked by {@code npm run validate:templates} in the same build).
 */
class ElementTemplatesTest {

    private static List<ElementTemplate> templates;
    private static Map<String, ElementTemplate> byId;
    private static List<Journey> journeys;

    @BeforeAll
    static void read() {
        templates = WorkflowsFolder.elementTemplateFiles().stream().map(ElementTemplate::read).toList();
        byId = templates.stream().collect(Collectors.toMap(t -> t.id() + "@" + t.version(), Function.identity()));
        journeys = Journey.all();
    }

    @Test
    void oneTemplatePerTaskTypeOfTheContract() {
        List<ElementTemplate> serviceTaskTemplates = templates.stream().filter(t -> !t.callsDecision()).toList();
        assertThat(serviceTaskTemplates).extracting(ElementTemplate::taskType)
                .containsExactlyInAnyOrderElementsOf(TouchpointContract.ALL_TYPES);
        for (ElementTemplate template : serviceTaskTemplates) {
            assertThat(template.id()).as(template.file())
                    .isEqualTo(TouchpointContract.ELEMENT_TEMPLATE_IDS.get(template.taskType()));
            assertThat(template.version()).as(template.file()).isEqualTo(1);
        }
    }

    @Test
    void templateIdDropdownsOfferExactlyTheBrandTemplates() throws IOException {
        Path brand = WorkflowsFolder.brandTemplates();
        assertThat(brand)
                .as("The element templates offer the brand design system's template ids, read from %s", brand)
                .isDirectory();
        Set<String> brandTemplateIds;
        try (Stream<Path> folders = Files.list(brand)) {
            brandTemplateIds = folders.filter(Files::isDirectory).map(f -> f.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(brandTemplateIds).as("template folders in %s", brand).isNotEmpty();

        for (ElementTemplate template : touchpointTemplates()) {
            Property templateId = template.property(HEADER, "templateId").orElseThrow(
                    () -> new AssertionError(template.file() + " has no templateId header"));
            assertThat(templateId.type()).as(template.file() + " templateId").isEqualTo("Dropdown");
            assertThat(new TreeSet<>(templateId.choices()))
                    .as("%s: templateId choices must be the template folders of %s", template.file(), brand)
                    .isEqualTo(brandTemplateIds);
        }
    }

    @Test
    void touchpointTemplatesBindTheContractHeadersAndInputs() {
        for (ElementTemplate template : touchpointTemplates()) {
            Set<String> headers = names(template, HEADER);
            Set<String> inputs = names(template, INPUT);
            Set<String> expectedHeaders = new TreeSet<>(TouchpointContract.TOUCHPOINT_HEADERS);
            Set<String> expectedInputs = new TreeSet<>(TouchpointContract.TOUCHPOINT_INPUTS);
            if (template.taskType().equals(TouchpointContract.BEST_CHANNEL)) {
                expectedHeaders.add("channels");
            }
            if (template.taskType().equals(TouchpointContract.KIOSK)) {
                expectedInputs.addAll(Set.of("storeId", "kioskId"));
            }
            assertThat(headers).as(template.file() + " headers").isEqualTo(expectedHeaders);
            assertThat(inputs).as(template.file() + " inputs").isEqualTo(expectedInputs);
            assertThat(names(template, TASK_DEFINITION)).as(template.file()).containsExactlyInAnyOrder("type", "retries");

            Property customerId = template.property(INPUT, "customerId").orElseThrow();
            assertThat(customerId.value()).as(template.file() + " customerId default").isEqualTo("=customerId");
            assertThat(customerId.notEmpty()).as(template.file() + " customerId is required").isTrue();
            assertThat(template.property(HEADER, "templateId").orElseThrow().optional())
                    .as(template.file() + " templateId is required").isFalse();
        }
    }

    @Test
    void experimentSplitTemplateBindsExperimentAndSplit() {
        ElementTemplate split = templates.stream()
                .filter(t -> t.taskType().equals(TouchpointContract.EXPERIMENT_SPLIT)).findFirst().orElseThrow();
        assertThat(names(split, HEADER)).containsExactlyInAnyOrder("experiment", "split");
        assertThat(names(split, INPUT)).containsExactly("customerId");
        assertThat(split.property(HEADER, "split").orElseThrow().value()).isEqualTo("50");
        Property share = split.property(HEADER, "split").orElseThrow();
        assertThat(Stream.of("0", "50", "100")).allSatisfy(v -> assertThat(share.problemWith(v)).isEmpty());
        assertThat(Stream.of("101", "-1", "fifty", "")).allSatisfy(v -> assertThat(share.problemWith(v)).isPresent());
    }

    @Test
    void customerFactsTemplateBindsTheAttributesAndTheResultVariable() {
        ElementTemplate facts = templates.stream()
                .filter(t -> !t.callsDecision() && t.taskType().equals(TouchpointContract.CUSTOMER_FACTS)).findFirst().orElseThrow();
        assertThat(names(facts, HEADER)).containsExactlyInAnyOrder("attributes", "resultVariable");
        assertThat(names(facts, INPUT)).containsExactly("customerId");
        Property attributes = facts.property(HEADER, "attributes").orElseThrow();
        assertThat(Stream.of("", "favouriteCategory", "favouriteCategory,memberSince"))
                .allSatisfy(v -> assertThat(attributes.problemWith(v)).isEmpty());
        assertThat(Stream.of("favourite category", "a,,b", "email,"))
                .allSatisfy(v -> assertThat(attributes.problemWith(v)).isPresent());
    }

    @Test
    void theDecisionTemplateOffersExactlyTheDecisionsOfTheDecisionsFolder() {
        List<ElementTemplate> decisionTemplates = templates.stream().filter(ElementTemplate::callsDecision).toList();
        assertThat(decisionTemplates).singleElement().satisfies(template -> {
            assertThat(template.id()).isEqualTo(TouchpointContract.DECISION_TEMPLATE_ID);
            Property decision = template.property(CALLED_DECISION, "decisionId").orElseThrow();
            assertThat(decision.type()).isEqualTo("Dropdown");
            assertThat(new TreeSet<>(decision.choices())).as("decision ids of decisions/*.dmn").isEqualTo(decisionIds());
            assertThat(template.property(CALLED_DECISION, "resultVariable").orElseThrow().notEmpty()).isTrue();
        });
    }

    @Test
    void everyBusinessRuleTaskIsTemplatedAndCallsADecisionThatIsDeployedWithIt() {
        List<String> problems = new ArrayList<>();
        int tasks = 0;
        for (Journey journey : journeys) {
            for (BusinessRuleTask task : journey.model().getModelElementsByType(BusinessRuleTask.class)) {
                tasks++;
                ElementTemplate template = byId.get(task.getAttributeValueNs(Journey.ZEEBE_NS, "modelerTemplate") + "@"
                        + task.getAttributeValueNs(Journey.ZEEBE_NS, "modelerTemplateVersion"));
                ZeebeCalledDecision called = task.getSingleExtensionElement(ZeebeCalledDecision.class);
                if (template == null || !template.callsDecision()) {
                    problems.add(journey.at(task.getId()) + " does not apply the decision element template");
                } else if (called == null) {
                    problems.add(journey.at(task.getId()) + " calls no decision (zeebe:calledDecision)");
                } else {
                    template.property(CALLED_DECISION, "decisionId").flatMap(p -> p.problemWith(called.getDecisionId()))
                            .ifPresent(problem -> problems.add(journey.at(task.getId()) + " decisionId " + problem));
                    template.property(CALLED_DECISION, "resultVariable").flatMap(p -> p.problemWith(called.getResultVariable()))
                            .ifPresent(problem -> problems.add(journey.at(task.getId()) + " resultVariable " + problem));
                }
            }
        }
        assertThat(tasks).as("business rule tasks in the journeys").isPositive();
        assertThat(problems).isEmpty();
    }

    /** The ids of the decisions in decisions/*.dmn. */
    static Set<String> decisionIds() {
        Set<String> ids = new TreeSet<>();
        for (Path file : WorkflowsFolder.decisionFiles()) {
            try {
                var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                var decisions = factory.newDocumentBuilder().parse(file.toFile())
                        .getElementsByTagNameNS("https://www.omg.org/spec/DMN/20191111/MODEL/", "decision");
                for (int i = 0; i < decisions.getLength(); i++) {
                    ids.add(((org.w3c.dom.Element) decisions.item(i)).getAttribute("id"));
                }
            } catch (Exception e) {
                throw new AssertionError("Cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        assertThat(ids).as("decisions in %s", WorkflowsFolder.root().resolve("decisions")).isNotEmpty();
        return ids;
    }

    @Test
    void everyDefaultIsAValueTheTemplateAccepts() {
        List<String> problems = new ArrayList<>();
        for (ElementTemplate template : templates) {
            for (Property p : template.properties()) {
                if (p.optional() && p.value().isEmpty()) {
                    continue;
                }
                if (p.notEmpty() && p.value().isEmpty()) {
                    continue; // the designer must fill it in (experiment name)
                }
                p.problemWith(p.value()).ifPresent(problem ->
                        problems.add(template.file() + " " + p.binding() + " default " + problem));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceTaskOfTheJourneysIsTemplated() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.serviceTasks()) {
                Optional<String> template = Journey.modelerTemplate(task);
                Optional<String> version = Journey.modelerTemplateVersion(task);
                if (template.isEmpty() || version.isEmpty()) {
                    problems.add(journey.at(task.getId()) + " has no zeebe:modelerTemplate/zeebe:modelerTemplateVersion");
                } else if (!byId.containsKey(template.get() + "@" + version.get())) {
                    problems.add(journey.at(task.getId()) + " uses template " + template.get() + " version " + version.get()
                            + ", which element-templates/ does not define");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void templatedTasksCarryExactlyTheBindingsOfTheirTemplate() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.serviceTasks()) {
                ElementTemplate template = Journey.modelerTemplate(task)
                        .map(id -> byId.get(id + "@" + Journey.modelerTemplateVersion(task).orElse("")))
                        .orElse(null);
                if (template == null) {
                    continue; // reported by everyServiceTaskOfTheJourneysIsTemplated
                }
                checked++;
                String at = journey.at(task.getId()) + " (" + template.id() + ")";
                checkTaskDefinition(task, template, at, problems);
                checkHeaders(task, template, at, problems);
                checkInputs(task, template, at, problems);
            }
        }
        assertThat(checked).as("templated tasks checked").isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    private static void checkTaskDefinition(ServiceTask task, ElementTemplate template, String at, List<String> problems) {
        Optional<String> type = Journey.taskType(task);
        template.property(TASK_DEFINITION, "type").flatMap(p -> p.problemWith(type.orElse(null)))
                .ifPresent(problem -> problems.add(at + " task type " + problem));
        template.property(TASK_DEFINITION, "retries").flatMap(p -> p.problemWith(Journey.retries(task).orElse(null)))
                .ifPresent(problem -> problems.add(at + " retries " + problem));
    }

    private static void checkHeaders(ServiceTask task, ElementTemplate template, String at, List<String> problems) {
        List<ZeebeHeader> headers = Journey.headers(task);
        Set<String> seen = new TreeSet<>();
        for (ZeebeHeader header : headers) {
            if (!seen.add(header.getKey())) {
                problems.add(at + " header " + header.getKey() + " appears twice");
            }
            Optional<Property> property = template.property(HEADER, header.getKey());
            if (property.isEmpty()) {
                problems.add(at + " header " + header.getKey() + " is not defined by the template");
            } else {
                property.get().problemWith(header.getValue())
                        .ifPresent(problem -> problems.add(at + " header " + header.getKey() + " " + problem));
            }
        }
        for (Property p : template.bound(HEADER)) {
            if (!p.optional() && !seen.contains(p.binding().name())) {
                problems.add(at + " lacks header " + p.binding().name() + " (the template always writes it)");
            }
        }
    }

    private static void checkInputs(ServiceTask task, ElementTemplate template, String at, List<String> problems) {
        Set<String> seen = new TreeSet<>();
        for (ZeebeInput input : Journey.inputs(task)) {
            if (!seen.add(input.getTarget())) {
                problems.add(at + " input " + input.getTarget() + " appears twice");
            }
            Optional<Property> property = template.property(INPUT, input.getTarget());
            if (property.isEmpty()) {
                problems.add(at + " input " + input.getTarget() + " is not defined by the template");
            } else {
                property.get().problemWith(input.getSource())
                        .ifPresent(problem -> problems.add(at + " input " + input.getTarget() + " " + problem));
                if (input.getSource() != null && !input.getSource().startsWith("=")) {
                    problems.add(at + " input " + input.getTarget() + " must be a FEEL expression (start with =)");
                }
            }
        }
        for (Property p : template.bound(INPUT)) {
            if (!p.optional() && !seen.contains(p.binding().name())) {
                problems.add(at + " lacks input " + p.binding().name() + " (the template always writes it)");
            }
        }
    }

    private static List<ElementTemplate> touchpointTemplates() {
        List<ElementTemplate> touchpoint = templates.stream()
                .filter(t -> !t.callsDecision() && TouchpointContract.TOUCHPOINT_TYPES.contains(t.taskType())).toList();
        assertThat(touchpoint).hasSize(TouchpointContract.TOUCHPOINT_TYPES.size());
        return touchpoint;
    }

    private static Set<String> names(ElementTemplate template, String bindingType) {
        return template.bound(bindingType).stream().map(p -> p.binding().name()).collect(Collectors.toCollection(TreeSet::new));
    }
}
