package dev.touchpoint.engine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code touchpoint.engine.*}: which engine to use. The client side (addresses, OAuth) is configured with the Camunda
 * starter's own {@code camunda.client.*} keys; in embedded mode those are derived from {@link Embedded#port()} by
 * {@link EmbeddedEngineEnvironment}.
 */
@Validated
@ConfigurationProperties(prefix = EngineProperties.PREFIX)
/**
 * @param identity remote mode: the incarnation of the Zeebe cluster, part of every idempotency key; change it when the
 *     cluster is replaced by an empty one (its keys start again). The embedded engine gets a new one at every start.
 */
public record EngineProperties(
        @DefaultValue("embedded") @NotNull EngineMode mode,
        @DefaultValue @Valid Embedded embedded,
        @DefaultValue("5s") @NotNull Duration healthTimeout,
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]{0,16}",
                message = "must be at most 16 lower-case letters and digits (it becomes part of every idempotency key)")
        @DefaultValue("") String identity) {

    public static final String PREFIX = "touchpoint.engine";

    /**
     * @param port        the gRPC gateway port of the embedded engine; 0 picks a free port at start-up
     * @param state       where the engine keeps its state: ROCKSDB (a temporary directory, as a broker does) or
     *                    MEMORY (the engine library's in-memory store, slower as journeys accumulate; ADR-0015)
     * @param stateMemory RocksDB's off-heap memory budget
     * @param retainedRecords how many of the most recent engine records stay in memory for a look at what happened
     *                    (the process history and the indexes read every record with their own cursors); the heap
     *                    stays bounded however long the engine runs (issue 16.7)
     * @param maxUnreadRecords when a reader (the ledger's process history) is this many records behind, the engine
     *                    refuses new instances and messages with RESOURCE_EXHAUSTED until it has caught up, as a
     *                    broker's backpressure does; 0 never refuses (the heap then grows with the backlog)
     */
    public record Embedded(@DefaultValue("127.0.0.1") String bindAddress,
                           @DefaultValue("26500") @Min(0) @Max(65535) int port,
                           @DefaultValue("ROCKSDB") @NotNull EmbeddedEngineState state,
                           @DefaultValue("128MB") org.springframework.util.unit.DataSize stateMemory,
                           @DefaultValue("20000") @Min(0) int retainedRecords,
                           @DefaultValue("100000") @Min(0) long maxUnreadRecords) {}
}
