package dev.touchpoint.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.BrokerInfo;
import io.camunda.client.api.response.PartitionBrokerHealth;
import io.camunda.client.api.response.PartitionBrokerRole;
import io.camunda.client.api.response.PartitionInfo;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health component {@code engine}: UP when the gateway answers a topology request and every partition has a healthy
 * leader; DOWN otherwise, with the gateway address and what is wrong.
 */
public class EngineHealthIndicator implements HealthIndicator {

    /** What a restart of the embedded default keeps and loses (issue 16.8). */
    static final Map<String, String> RESTART = Map.of(
            "survives", "customers, consent, campaigns and the evidence ledger (database)",
            "lost", "journeys still running (the embedded engine is in memory): listed and saved at a graceful stop;"
                    + " restart them with POST /api/journeys/interrupted/restart (./touchpoint journeys restart)");

    private final CamundaClient client;
    private final EngineRuntime runtime;
    private final Duration timeout;

    public EngineHealthIndicator(CamundaClient client, EngineRuntime runtime, Duration timeout) {
        this.client = client;
        this.runtime = runtime;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        Health.Builder health = new Health.Builder()
                .withDetail("mode", runtime.mode().name().toLowerCase())
                .withDetail("gateway", runtime.gatewayAddress());
        if (!runtime.identity().isEmpty()) {
            health.withDetail("incarnation", runtime.identity());
        }
        if (runtime.mode() == EngineMode.EMBEDDED) {
            health.withDetail("restart", RESTART);
        }
        Topology topology;
        try {
            topology = client.newTopologyRequest().send().join(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return health.down().withDetail("error", "gateway unreachable: " + e.getMessage()).build();
        }
        Map<Integer, String> leaderHealth = new HashMap<>();
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (BrokerInfo broker : topology.getBrokers()) {
            brokers.add(Map.of("nodeId", broker.getNodeId(), "address", broker.getAddress(), "version", broker.getVersion()));
            for (PartitionInfo partition : broker.getPartitions()) {
                if (partition.getRole() == PartitionBrokerRole.LEADER) {
                    leaderHealth.put(partition.getPartitionId(), partition.getHealth().name());
                }
            }
        }
        Map<String, String> partitions = new LinkedHashMap<>();
        boolean healthy = true;
        for (int id = 1; id <= topology.getPartitionsCount(); id++) {
            String state = leaderHealth.getOrDefault(id, "NO_LEADER");
            partitions.put(String.valueOf(id), state);
            healthy &= PartitionBrokerHealth.HEALTHY.name().equals(state);
        }
        return (healthy ? health.up() : health.down())
                .withDetail("gatewayVersion", topology.getGatewayVersion())
                .withDetail("clusterSize", topology.getClusterSize())
                .withDetail("brokers", brokers)
                .withDetail("partitions", partitions)
                .build();
    }
}
