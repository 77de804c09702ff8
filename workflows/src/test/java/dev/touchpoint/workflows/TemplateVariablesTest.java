package dev.touchpoint.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource sync between the journeys and the brand design system: every touchpoint task uses a template that exists
 * on its channel, supplies every variable the template requires (profile data excepted) and nothing the template
 * does not declare (the renderer would silently drop it).
 */
class TemplateVariablesTest {

    private static final Map<String, String> CHANNEL_OF_TYPE = Map.of(
            TouchpointContract.EMAIL, "email",
            TouchpointContract.SMS, "sms",
            TouchpointContract.PUSH, "push",
            TouchpointContract.KIOSK, "kiosk");

    private static Map<String, BrandTemplate> brand;
    private static List<Journey> journeys;

    @BeforeAll
    static void read() {
        assertThat(WorkflowsFolder.brandTemplates()).as("brand templates folder").isDirectory();
        brand = BrandTemplate.all(WorkflowsFolder.brandTemplates());
        journeys = Journey.all();
    }

    @Test
    void everyTouchpointTaskUsesATemplateThatHasItsChannel() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.touchpointTasks()) {
                String templateId = Journey.header(task, "templateId").orElse("");
                BrandTemplate template = brand.get(templateId);
                String channel = CHANNEL_OF_TYPE.get(Journey.taskType(task).orElseThrow());
                if (template == null) {
                    problems.add(journey.at(task.getId()) + " uses template '" + templateId + "', which does not exist");
                } else if (channel != null && !template.channels().contains(channel)) {
                    problems.add(journey.at(task.getId()) + " sends '" + templateId + "' by " + channel
                            + ", but the template only has " + template.channels());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyTouchpointTaskSuppliesExactlyTheDeclaredVariables() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            for (ServiceTask task : journey.touchpointTasks()) {
                BrandTemplate template = brand.get(Journey.header(task, "templateId").orElse(""));
                if (template == null) {
                    continue; // reported above
                }
                Optional<String> source = Journey.input(task, "templateVariables").map(ZeebeInput::getSource);
                Set<String> supplied = new TreeSet<>(BrandTemplate.contextKeys(source.orElse("={}")));
                Set<String> missing = new TreeSet<>(template.requiredFromJourney());
                missing.removeAll(supplied);
                Set<String> undeclared = new TreeSet<>(supplied);
                undeclared.removeAll(template.variables().keySet());
                if (template.survey()) {
                    undeclared.remove(BrandTemplate.SURVEY_MEASURES);
                }
                Set<String> profile = new TreeSet<>(supplied);
                profile.retainAll(BrandTemplate.PROFILE_VARIABLES);
                String at = journey.at(task.getId()) + " (" + template.id() + ")";
                if (!missing.isEmpty()) {
                    problems.add(at + " does not supply required " + missing);
                }
                if (!undeclared.isEmpty()) {
                    problems.add(at + " supplies " + undeclared + ", which the template does not declare");
                }
                if (!profile.isEmpty()) {
                    problems.add(at + " supplies " + profile + ", which comes from the customer context");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void readsTheKeysOfAFeelContextLiteral() {
        assertThat(BrandTemplate.contextKeys("={cartItems: cart.items, cartTotal: {amount: t, currency: \"EUR, USD\"}, "
                + "\"cart url\": string join([a, b], \",\")}"))
                .containsExactly("cartItems", "cartTotal", "cart url");
        assertThat(BrandTemplate.contextKeys("={}")).isEmpty();
        assertThatThrownBy(() -> BrandTemplate.contextKeys("=cart")).isInstanceOf(IllegalArgumentException.class);
    }
}
