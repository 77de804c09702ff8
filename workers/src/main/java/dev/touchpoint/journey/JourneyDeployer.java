package dev.touchpoint.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys every journey file in one deployment. The engine keeps the version of a file whose content did not
 * change, so re-deploying at every start creates no new versions. When the engine rejects files, either start-up
 * fails with a message naming file, element and reason ({@code fail}), or the valid files are deployed and the
 * rejected ones are kept for the health endpoint ({@code report}).
 */
public class JourneyDeployer {

    private static final Logger log = LoggerFactory.getLogger(JourneyDeployer.class);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

    private final CamundaClient client;
    private final JourneyFolder folder;
    private final JourneyLint lint;
    private final JourneyProperties.OnRejected onRejected;
    private final Clock clock;
    private final AtomicReference<JourneyDeploymentReport> lastReport = new AtomicReference<>();

    public JourneyDeployer(CamundaClient client, JourneyFolder folder, JourneyLint lint, JourneyProperties.OnRejected onRejected,
                           Clock clock) {
        this.client = client;
        this.folder = folder;
        this.lint = lint;
        this.onRejected = onRejected;
        this.clock = clock;
    }

    /** The outcome of the last deployment, once one ran. */
    public Optional<JourneyDeploymentReport> lastReport() {
        return Optional.ofNullable(lastReport.get());
    }

    public JourneyDeploymentReport deploy() {
        List<JourneyFile> files = folder.files();
        List<DiagramProblem> rejected = new ArrayList<>(lint.check(files));
        if (!rejected.isEmpty() && onRejected == JourneyProperties.OnRejected.FAIL) {
            throw new JourneyDeploymentException(folder.root(), rejected);
        }
        Set<String> linted = rejected.stream().map(DiagramProblem::resourceName).collect(Collectors.toSet());
        List<JourneyFile> candidates = new ArrayList<>(files);
        candidates.removeIf(f -> linted.contains(f.resourceName()));
        DeploymentEvent event = null;
        // Each round either succeeds or removes at least one rejected file, so this ends after at most files+1 rounds.
        while (!candidates.isEmpty()) {
            try {
                event = send(candidates);
                break;
            } catch (ClientStatusException e) {
                List<DiagramProblem> problems = EngineRejection.parse(
                        e.getMessage(), candidates.stream().map(JourneyFile::resourceName).toList());
                if (problems.isEmpty()) {
                    throw new JourneyDeploymentException(
                            "The engine refused the deployment of " + folder.root() + " without naming a file: "
                                    + e.getMessage(),
                            e);
                }
                if (onRejected == JourneyProperties.OnRejected.FAIL) {
                    throw new JourneyDeploymentException(folder.root(), problems);
                }
                rejected.addAll(problems);
                Set<String> refused = problems.stream().map(DiagramProblem::resourceName).collect(Collectors.toSet());
                candidates.removeIf(f -> refused.contains(f.resourceName()));
            }
        }
        JourneyDeploymentReport report = report(event, rejected);
        lastReport.set(report);
        log(report, files.size());
        return report;
    }

    private DeploymentEvent send(List<JourneyFile> files) {
        DeployResourceCommandStep1 command = client.newDeployResourceCommand();
        DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
        for (JourneyFile file : files) {
            step = step == null
                    ? command.addResourceBytes(file.content(), file.resourceName())
                    : step.addResourceBytes(file.content(), file.resourceName());
        }
        // the gRPC deadline too, not only the wait: the client's default (10 s) is short for a busy engine, and a
        // deployment that times out at start-up stops the instance
        return step.requestTimeout(DEPLOY_TIMEOUT).send().join(DEPLOY_TIMEOUT.toMillis() + 5_000,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private JourneyDeploymentReport report(DeploymentEvent event, List<DiagramProblem> rejected) {
        List<DeployedJourney> deployed = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (event != null) {
            event.getProcesses().forEach(p -> deployed.add(new DeployedJourney(
                    p.getBpmnProcessId(), p.getVersion(), p.getProcessDefinitionKey(), p.getResourceName())));
            Set<String> seen = new HashSet<>();
            event.getDecisionRequirements().forEach(d -> seen.add(d.getResourceName()));
            event.getForm().forEach(f -> seen.add(f.getResourceName()));
            others.addAll(seen.stream().sorted().toList());
        }
        return new JourneyDeploymentReport(
                folder.root().toString(), List.copyOf(deployed), List.copyOf(others), List.copyOf(rejected), clock.instant());
    }

    private static void log(JourneyDeploymentReport report, int fileCount) {
        if (fileCount == 0) {
            log.info("No journeys to deploy in {}", report.folder());
        }
        for (DeployedJourney journey : report.deployed()) {
            log.info("Deployed journey {} version {} ({})", journey.processId(), journey.version(), journey.resourceName());
        }
        for (String other : report.otherResources()) {
            log.info("Deployed {}", other);
        }
        for (DiagramProblem problem : report.rejected()) {
            log.error("Rejected by the engine, not deployed: {}", problem.describe());
        }
    }
}
