package dev.touchpoint.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine accepts all journeys of workflows/journeys and the decisions of workflows/decisions in one deployment,
 * as the workers app deploys them.
 */
@ExtendWith(JourneyEngineExtension.class)
class JourneysDeployIT {

    @Test
    void deploysTheSixJourneysAndTheDecisionsInOneDeployment(JourneyEngine engine) {
        DeploymentEvent deployment = engine.deployment();

        assertThat(deployment.getProcesses()).extracting(Process::getBpmnProcessId)
                .containsExactlyInAnyOrderElementsOf(TouchpointContract.JOURNEYS).hasSize(6);
        assertThat(deployment.getProcesses()).extracting(Process::getResourceName)
                .allSatisfy(name -> assertThat(name).startsWith("journeys/").endsWith(".bpmn"));
        assertThat(deployment.getProcesses()).extracting(Process::getVersion).containsOnly(1);
        assertThat(deployment.getDecisions()).extracting(io.camunda.client.api.response.Decision::getDmnDecisionId)
                .containsExactlyInAnyOrderElementsOf(ElementTemplatesTest.decisionIds());
        assertThat(deployment.getDecisionRequirements()).extracting(d -> d.getResourceName())
                .allSatisfy(name -> assertThat(name).startsWith("decisions/").endsWith(".dmn"));
        assertThat(deployment.getForm()).isEmpty();
    }
}
