package dev.touchpoint.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.brand.BrandDesignSystem;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.ServiceTaskBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JourneyLintTest {

    private static final BrandDesignSystem BRAND = BrandDesignSystem.fromClasspath();
    private final JourneyLint lint = new JourneyLint(BRAND);

    @Test
    void aCorrectTouchpointTaskPasses() {
        assertThat(check("touchpoint.email.send", task -> task
                .zeebeTaskHeader("templateId", "welcome")
                .zeebeInputExpression("{offerCode: code, offerPercent: 15, offerExpires: until, shopUrl: {nested: 1}}",
                        "templateVariables"))).isEmpty();
    }

    @Test
    void anUnknownTemplateNamesTheKnownOnes() {
        assertThat(check("touchpoint.sms.send", task -> task.zeebeTaskHeader("templateId", "black-friday")))
                .singleElement().satisfies(p -> {
                    assertThat(p.resourceName()).isEqualTo("journey.bpmn");
                    assertThat(p.elementId()).isEqualTo("touch");
                    assertThat(p.reason()).contains("'black-friday'", "welcome", "cart-reminder");
                });
    }

    @Test
    void aTemplateWithoutTheTasksChannelIsRefused() {
        assertThat(check("touchpoint.email.send", task -> task.zeebeTaskHeader("templateId", "store-greeting")))
                .singleElement().extracting(DiagramProblem::reason).asString()
                .contains("store-greeting", "no email version");
    }

    @Test
    void aRequiredVariableTheJourneyDoesNotSupplyIsNamed() {
        assertThat(check("touchpoint.email.send", task -> task
                .zeebeTaskHeader("templateId", "welcome")
                .zeebeInputExpression("{offerCode: code, offerExpires: until, detail: {offerPercent: 1}}", "templateVariables")))
                .singleElement().extracting(DiagramProblem::reason).asString()
                .contains("does not supply 'offerPercent'", "welcome");
    }

    @Test
    void variablesMappedFromAnythingButAContextLiteralAreNotGuessedAt() {
        assertThat(check("touchpoint.email.send", task -> task
                .zeebeTaskHeader("templateId", "welcome")
                .zeebeInputExpression("welcomeVariables", "templateVariables"))).isEmpty();
    }

    @Test
    void aHeaderMayMakeATouchpointStricterButNeverTurnMarketingIntoTransactional() {
        assertThat(check("touchpoint.email.send", task -> task
                .zeebeTaskHeader("templateId", "welcome")
                .zeebeTaskHeader("category", "transactional")))
                .singleElement().extracting(DiagramProblem::reason).asString()
                .contains("category 'transactional'", "welcome", "marketing", "stricter");
        assertThat(check("touchpoint.email.send", task -> task
                .zeebeTaskHeader("templateId", "order-shipped")
                .zeebeTaskHeader("category", "marketing"))).as("stricter is allowed").isEmpty();
    }

    @Test
    void throwingSuppressedWithoutACatchIsRefused() {
        assertThat(check("touchpoint.sms.send", task -> task
                .zeebeTaskHeader("templateId", "cart-reminder")
                .zeebeTaskHeader("onSuppressed", "error")))
                .singleElement().extracting(DiagramProblem::reason).asString()
                .contains("TOUCHPOINT_SUPPRESSED", "nothing catches it");
    }

    @Test
    void aBoundaryEventCatchingSuppressedSatisfiesIt() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("journey").startEvent()
                .serviceTask("touch", task -> task.zeebeJobType("touchpoint.sms.send")
                        .zeebeTaskHeader("templateId", "cart-reminder").zeebeTaskHeader("onSuppressed", "error"))
                .boundaryEvent("withheld").error("TOUCHPOINT_SUPPRESSED").endEvent("quiet")
                .moveToActivity("touch").endEvent("done")
                .done();
        assertThat(lint.check(List.of(file(model)))).isEmpty();
    }

    @Test
    void readsTheTopLevelKeysOfAFeelContext() {
        assertThat(JourneyLint.contextKeys("={a: x, \"b\": y.z, c: {d: 1, e: [1, {f: 2}]}, g: \"h: i\"}"))
                .hasValue(java.util.Set.of("a", "b", "c", "g"));
        assertThat(JourneyLint.contextKeys("=vars")).isEmpty();
    }

    private List<DiagramProblem> check(String type, Consumer<ServiceTaskBuilder> task) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("journey").startEvent()
                .serviceTask("touch", t -> task.accept(t.zeebeJobType(type)))
                .endEvent().done();
        return lint.check(List.of(file(model)));
    }

    private static JourneyFile file(BpmnModelInstance model) {
        return new JourneyFile("journey.bpmn", Path.of("journey.bpmn"),
                Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));
    }
}
