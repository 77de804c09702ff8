package dev.touchpoint.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRejectionTest {

    /** Verbatim from Zeebe 8.8's answer to a deployment with three bad files. */
    private static final String ENGINE_MESSAGE = """
            Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:
            'dir/bad.bpmn': - Element: task
                - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element

            'bad2.bpmn': Error: URI=null Line=10: cvc-id.1: There is no ID/IDREF binding for IDREF 'nowhere'.
            'broken.bpmn': Fatal Error: URI=null Line=1: XML document structures must start and end within the same entity.""";

    @Test
    void attributesEveryProblemToItsFileElementAndLine() {
        List<DiagramProblem> problems = EngineRejection.parse(
                ENGINE_MESSAGE, List.of("good.bpmn", "dir/bad.bpmn", "bad2.bpmn", "broken.bpmn"));

        assertThat(problems).containsExactly(
                new DiagramProblem("dir/bad.bpmn", "task", 0, "Must have exactly one 'zeebe:taskDefinition' extension element"),
                new DiagramProblem("bad2.bpmn", null, 10, "There is no ID/IDREF binding for IDREF 'nowhere'."),
                new DiagramProblem("broken.bpmn", null, 1, "XML document structures must start and end within the same entity."));
        assertThat(problems.getFirst().describe())
                .isEqualTo("dir/bad.bpmn, element 'task': Must have exactly one 'zeebe:taskDefinition' extension element");
        assertThat(problems.get(1).describe()).isEqualTo("bad2.bpmn, line 10: There is no ID/IDREF binding for IDREF 'nowhere'.");
    }

    @Test
    void keepsSeveralErrorsOfOneElementAndSeveralElementsOfOneFile() {
        String message = """
                'a.bpmn': - Element: first
                    - ERROR: reason one
                    - ERROR: reason two
                - Element: second
                    - ERROR: reason three""";
        assertThat(EngineRejection.parse(message, List.of("a.bpmn")))
                .extracting(DiagramProblem::describe)
                .containsExactly(
                        "a.bpmn, element 'first': reason one",
                        "a.bpmn, element 'first': reason two",
                        "a.bpmn, element 'second': reason three");
    }

    @Test
    void findsNothingWhenNoSentFileIsNamed() {
        assertThat(EngineRejection.parse("RESOURCE_EXHAUSTED: try again", List.of("a.bpmn"))).isEmpty();
    }
}
