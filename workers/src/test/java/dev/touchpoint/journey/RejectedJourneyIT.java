package dev.touchpoint.journey;

import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TouchpointApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A diagram the engine rejects: start-up fails naming file, element and reason, or (report) starts degraded. */
class RejectedJourneyIT {

    private static final String REJECTED = Path.of("src/test/resources/journeys/rejected").toAbsolutePath().toString();

    @Test
    void refusesToStartAndNamesFileElementAndReason() {
        assertThatThrownBy(() -> start("fail").close())
                .isInstanceOf(JourneyDeploymentException.class)
                .hasMessageContaining("missing-task-type.bpmn, element 'send-welcome-email'")
                .hasMessageContaining("Must have exactly one 'zeebe:taskDefinition' extension element")
                .hasMessageContaining("nothing was deployed")
                .hasMessageNotContaining("engine-check.bpmn");
    }

    private static ConfigurableApplicationContext reporting;

    @org.junit.jupiter.api.BeforeAll
    static void startReporting() {
        reporting = start("report");
    }

    @org.junit.jupiter.api.AfterAll
    static void stopReporting() {
        if (reporting != null) {
            reporting.close();
        }
    }

    @Test
    void reportModeDeploysTheValidFilesAndReportsTheRejectedOnesOnHealth() {
        ConfigurableApplicationContext context = reporting;
        JourneyDeploymentReport report = context.getBean(JourneyDeployer.class).lastReport().orElseThrow();
        assertThat(report.deployed()).extracting(DeployedJourney::processId).containsExactly("engine-check");
        assertThat(report.rejected()).singleElement().satisfies(problem -> {
            assertThat(problem.resourceName()).isEqualTo("missing-task-type.bpmn");
            assertThat(problem.elementId()).isEqualTo("send-welcome-email");
        });

        HealthComponent journeys = context.getBean(HealthEndpoint.class).healthForPath("journeys");
        assertThat(journeys.getStatus()).isEqualTo(JourneysHealthIndicator.DEGRADED);
        HealthComponent overall = context.getBean(HealthEndpoint.class).health();
        assertThat(overall.getStatus()).isEqualTo(JourneysHealthIndicator.DEGRADED);
    }

    /** What Camunda Modeler does: a deploy straight to the running application's embedded gateway is linted too. */
    @Test
    void aDeployToTheRunningEnginesGatewayIsLintedToo() throws java.io.IOException {
        String welcome = java.nio.file.Files.readString(Path.of(RepositoryPaths.home(), "workflows", "journeys", "welcome.bpmn"))
                .replaceFirst("<zeebe:header key=\"templateId\" value=\"welcome\" />",
                        "<zeebe:header key=\"templateId\" value=\"welcome-back\" />");
        io.camunda.client.CamundaClient client = reporting.getBean(io.camunda.client.CamundaClient.class);
        assertThatThrownBy(() -> client.newDeployResourceCommand()
                .addResourceBytes(welcome.getBytes(java.nio.charset.StandardCharsets.UTF_8), "journeys/welcome.bpmn").send().join())
                .isInstanceOfSatisfying(io.camunda.client.api.command.ClientStatusException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("journeys/welcome.bpmn, element 'send-welcome-email': uses template"
                            + " 'welcome-back', which the brand design system does not have");
                });
    }

    private static ConfigurableApplicationContext start(String onRejected) {
        return new SpringApplicationBuilder(TouchpointApplication.class)
                .web(WebApplicationType.NONE)
                .run(IsolatedApplication.arguments(
                        "touchpoint.journeys.location=" + REJECTED,
                        "touchpoint.journeys.on-rejected=" + onRejected));
    }
}
