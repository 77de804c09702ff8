package dev.touchpoint.engine;

import io.camunda.zeebe.protocol.record.Record;
import java.time.Duration;
import java.util.Optional;

/**
 * The Zeebe engine behind Touchpoint, as far as the rest of the application needs to know it. Workers and the
 * journey deployer only ever use the Camunda client; this interface exists so the engine itself can be swapped
 * (the in-JVM test engine used for the embedded default is deprecated upstream, see ADR-0001) and so tools that
 * need more than the client (clock control in process tests, process history from the record stream) have one
 * place to ask.
 */
public interface EngineRuntime {

    EngineMode mode();

    /**
     * Which incarnation of the engine this is, for every key that outlives it (idempotency keys, evidence, journey
     * instance rows): the embedded engine starts empty at every start and hands out the same process instance and job
     * keys again, so it gets a new identity at every start; a remote cluster keeps its keys unique for as long as its
     * data lives and has the configured {@code touchpoint.engine.identity} (empty by default). Empty means "no
     * incarnation qualifier" (keys as before; ADR-0022).
     */
    String identity();

    /** The gRPC address clients use, e.g. {@code http://127.0.0.1:26500}. */
    String gatewayAddress();

    /** The engine's clock, when this process controls it (embedded engine); empty for a remote cluster. */
    Optional<EngineClock> clock();

    /**
     * Every record the engine has written so far, oldest first, when this process can read them (embedded engine);
     * empty for a remote cluster, where an exporter provides the same stream.
     */
    Optional<RecordStream> records();

    /** Moves the engine's clock: timers due within the new time fire. */
    @FunctionalInterface
    interface EngineClock {
        void advance(Duration duration);
    }

    /** A snapshot view of the engine's record log. */
    @FunctionalInterface
    interface RecordStream {
        Iterable<Record<?>> all();
    }
}
