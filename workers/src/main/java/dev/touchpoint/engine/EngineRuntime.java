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
     * The engine's records, oldest first, when this process can read them (embedded engine); empty for a remote
     * cluster, where an exporter provides the same stream.
     */
    Optional<RecordStream> records();

    /** Moves the engine's clock: timers due within the new time fire. */
    @FunctionalInterface
    interface EngineClock {
        void advance(Duration duration);
    }

    /**
     * The engine's record log as this process reads it. The embedded engine holds a bounded window of records in memory
     * (issue 16.7): the most recent ones plus every record a {@link Cursor} or subscription has not read yet, so
     * whoever must see every record (the process history, indexes) reads with a cursor or a subscription, and
     * {@link #all()} is for a look at what happened recently (tests, diagnostics).
     */
    interface RecordStream {
        /** The records held now, oldest first: a snapshot (records written later are not added to it). */
        Iterable<Record<?>> all();

        /**
         * A reader of every record from the oldest held now on, in order; the records it has not read are held for
         * it, so close it when done.
         */
        Cursor cursor(String name);

        /**
         * Hands every record from the oldest held now on, in order, to {@code listener}: on the stream's own thread
         * shortly after the engine wrote it, or on the caller's thread during {@link Subscription#catchUp()}. A
         * listener must be quick and must not block; an exception it throws is logged and the record is skipped.
         */
        Subscription subscribe(String name, java.util.function.Consumer<Record<?>> listener);
    }

    /** See {@link RecordStream#cursor}. */
    interface Cursor extends AutoCloseable {
        /** Up to {@code max} records after the last one read (none when it has read everything written so far). */
        java.util.List<Record<?>> next(int max);

        @Override
        void close();
    }

    /** See {@link RecordStream#subscribe}. */
    interface Subscription extends AutoCloseable {
        /** Hands every record written until now to the listener before returning. */
        void catchUp();

        @Override
        void close();
    }
}
