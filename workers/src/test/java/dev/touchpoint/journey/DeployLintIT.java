package dev.touchpoint.journey;

import dev.touchpoint.RepositoryPaths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.context.ContextTestSupport;
import dev.touchpoint.engine.EmbeddedEngineState;
import dev.touchpoint.engine.EmbeddedZeebeEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both deploy paths of a journey designer against a real embedded engine: Camunda Modeler's (the Camunda client's
 * DeployResource call straight to the gateway, which the journey lint now guards) and {@code ./touchpoint deploy}
 * (lint first, then the same call), with the same message: file, element and reason.
 */
class DeployLintIT {

    private static final String MISSING_OFFER_PERCENT =
            "welcome.bpmn, element 'send-welcome-email': does not supply 'offerPercent', which template 'welcome' requires";

    private static EmbeddedZeebeEngine engine;
    private static CamundaClient modeler;
    private static Path dir;
    private static Path valid;
    private static Path invalid;

    @BeforeAll
    static void start() throws IOException {
        engine = new EmbeddedZeebeEngine(ContextTestSupport.freePort(), EmbeddedEngineState.ROCKSDB, 32L * 1024 * 1024);
        engine.guardDeployments(new JourneyLintGuard(new JourneyLint(BrandDesignSystem.fromClasspath())));
        engine.start();
        modeler = CamundaClient.newClientBuilder().grpcAddress(URI.create(engine.gatewayAddress())).preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofSeconds(30)).build();
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "deploy-");
        String welcome = Files.readString(workflows().resolve("journeys/welcome.bpmn"));
        valid = Files.writeString(Files.createDirectories(dir.resolve("valid")).resolve("welcome.bpmn"), welcome);
        // what a designer does by mistake: the first email's template variables lose a variable the template requires
        String broken = welcome.replaceFirst("offerPercent: offerPercent, ", "");
        assertThat(broken).isNotEqualTo(welcome);
        invalid = Files.writeString(Files.createDirectories(dir.resolve("invalid")).resolve("welcome.bpmn"), broken);
    }

    @AfterAll
    static void stop() {
        if (modeler != null) {
            modeler.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aModelerDeployOfADiagramTheLintRefusesIsAnsweredWithFileElementAndReason() throws IOException {
        assertThatThrownBy(() -> modeler.newDeployResourceCommand().addResourceBytes(Files.readAllBytes(invalid), "welcome.bpmn")
                .send().join())
                .isInstanceOfSatisfying(ClientStatusException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("journey lint refused the deployment", MISSING_OFFER_PERCENT);
                });
        assertThat(deployedCopiesOf(invalid)).as("nothing of it was deployed").isZero();
    }

    @Test
    void aModelerDeployOfTheWholeWorkflowsFolderPassesTheLint() {
        var command = modeler.newDeployResourceCommand();
        io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
        for (JourneyFile file : new JourneyFolder(workflows()).files()) {
            step = step == null ? command.addResourceBytes(file.content(), file.resourceName())
                    : step.addResourceBytes(file.content(), file.resourceName());
        }
        DeploymentEvent event = step.send().join();
        assertThat(event.getProcesses()).extracting(p -> p.getBpmnProcessId())
                .contains("welcome", "abandoned-cart", "store-visit", "winback-campaign", "order-shipped", "service-recovery");
    }

    @Test
    void theDeployCommandLintsFirstWithTheSameMessageAndDeploysNothing() {
        Run run = deploy("--address=" + engine.gatewayAddress(), invalid.toString());
        assertThat(run.status()).isEqualTo(DeployCli.REFUSED);
        assertThat(run.err()).contains("refused by Touchpoint's journey lint", "nothing was deployed", MISSING_OFFER_PERCENT);
        assertThat(run.out()).isEmpty();
        assertThat(deployedCopiesOf(invalid)).isZero();
    }

    @Test
    void theDeployCommandDeploysToTheEmbeddedEngineOfTheConfigurationByDefault() {
        // no --address: the embedded engine's port from the configuration (config/application.yaml, here overridden)
        Run run = deploy("--touchpoint.engine.embedded.port=" + engine.port(), valid.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isEqualTo(DeployCli.OK);
        assertThat(run.out()).contains("Deployed journey welcome version", "(welcome.bpmn) to http://127.0.0.1:" + engine.port());
    }

    @Test
    void theDeployCommandSaysWhenNoEngineListens() {
        Run run = deploy("--address=http://127.0.0.1:" + ContextTestSupport.freePort(), valid.toString());
        assertThat(run.status()).isEqualTo(DeployCli.ERROR);
        assertThat(run.err()).contains("cannot reach the engine at http://127.0.0.1:", "Is Touchpoint running");
    }

    @Test
    void theDeployCommandRefusesFilesItCannotDeploy() {
        Run run = deploy("--address=" + engine.gatewayAddress(), dir.resolve("notes.txt").toString());
        assertThat(run.status()).isEqualTo(DeployCli.ERROR);
        assertThat(run.err()).contains("notes.txt: not a .bpmn, .dmn or .form file");
        assertThat(deploy("--address=" + engine.gatewayAddress()).err()).contains("name at least one .bpmn, .dmn or .form file");
    }

    /** How many processes the engine created from exactly this file's content. */
    private static long deployedCopiesOf(Path file) {
        String content = read(file);
        return java.util.stream.StreamSupport.stream(engine.records().orElseThrow().all().spliterator(), false)
                .filter(r -> r.getValueType() == io.camunda.zeebe.protocol.record.ValueType.PROCESS)
                .map(r -> (io.camunda.zeebe.protocol.record.value.deployment.Process) r.getValue())
                .filter(p -> new String(p.getResource(), StandardCharsets.UTF_8).equals(content))
                .count();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path workflows() {
        return Path.of(RepositoryPaths.home()).resolve("workflows").toAbsolutePath().normalize();
    }

    record Run(int status, String out, String err) {}

    private static Run deploy(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DeployCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
