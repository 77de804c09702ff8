package dev.touchpoint.journey;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the start-up deployment: what the engine accepted and, in {@code report} mode, what it refused.
 *
 * @param folder the journeys folder that was read
 * @param deployed processes now deployed (a file that did not change keeps its version)
 * @param otherResources decisions and forms deployed alongside, by resource name
 * @param rejected problems of the files the engine refused (empty unless on-rejected=report)
 * @param at when the deployment finished
 */
public record JourneyDeploymentReport(
        String folder,
        List<DeployedJourney> deployed,
        List<String> otherResources,
        List<DiagramProblem> rejected,
        Instant at) {

    public boolean hasRejections() {
        return !rejected.isEmpty();
    }
}
