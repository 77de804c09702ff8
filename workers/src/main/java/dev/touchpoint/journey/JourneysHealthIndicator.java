package dev.touchpoint.journey;

import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health component {@code journeys}: UP when every journey file was deployed, DEGRADED (HTTP 200, see
 * {@code management.endpoint.health.status.order}) when the engine rejected some and on-rejected=report let the
 * application start, with each rejected file, element and reason in the details.
 */
public class JourneysHealthIndicator implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "Some journey files were rejected by the engine");

    private final JourneyDeployer deployer;

    public JourneysHealthIndicator(JourneyDeployer deployer) {
        this.deployer = deployer;
    }

    @Override
    public Health health() {
        return deployer.lastReport()
                .map(report -> Health.status(report.hasRejections() ? DEGRADED : Status.UP)
                        .withDetail("folder", report.folder())
                        .withDetail("deployed", report.deployed().stream()
                                .map(j -> Map.of("processId", j.processId(), "version", j.version(), "file", j.resourceName()))
                                .toList())
                        .withDetail("rejected", report.rejected().stream().map(DiagramProblem::describe).toList())
                        .build())
                .orElseGet(() -> Health.unknown().withDetail("reason", "no deployment has run").build());
    }
}
