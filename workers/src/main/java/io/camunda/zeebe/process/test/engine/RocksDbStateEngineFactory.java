package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import dev.touchpoint.engine.CompactingLogStorage;
import dev.touchpoint.engine.EngineRecordLog;
import dev.touchpoint.engine.RecordBackpressureInterceptor;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Touchpoint's embedded engine: the engine library's in-JVM engine (the same stream processor, gRPC gateway, job
 * streaming and controllable clock as {@link EngineFactory}), with one difference: its state lives in RocksDB, the
 * store of a real Zeebe broker, instead of the library's in-memory store, which copies the whole state into a new
 * sorted map for every prefix scan. Scans are then proportional to what they read, not to everything the engine holds,
 * so the engine no longer slows down as journeys accumulate (see docs/benchmarks.md and ADR-0015).
 *
 * <p>It lives in the library's package because the gateway, log storage and record stream classes it wires are
 * package-private there. Written for the engine library of Camunda 8.8; {@code EmbeddedEngineFactoryTest} starts it.
 */
public final class RocksDbStateEngineFactory {

    private static final int PARTITION = 1;
    private static final int PARTITION_COUNT = 1;
    /** Recent records kept in memory for a look at what happened (tests, diagnostics); readers with cursors see all. */
    public static final int DEFAULT_RETAINED_RECORDS = 20_000;
    /** Records a reader may be behind before the engine refuses new work, as a broker's backpressure does. */
    public static final long DEFAULT_MAX_UNREAD_RECORDS = 100_000;
    private static final java.time.Duration DRAIN_INTERVAL = java.time.Duration.ofMillis(200);

    private RocksDbStateEngineFactory() {
    }

    /**
     * @param bindAddress    the interface the gRPC gateway listens on (e.g. 127.0.0.1; 0.0.0.0 for all)
     * @param port           the gRPC gateway's port
     * @param stateDirectory an empty directory for the RocksDB state (the caller deletes it after {@code stop()})
     * @param memoryLimit    RocksDB's memory budget in bytes (block cache and write buffers, off-heap)
     */
    public static ZeebeTestEngine create(String bindAddress, int port, Path stateDirectory, long memoryLimit) {
        return create(bindAddress, port, stateDirectory, memoryLimit, List.of(), DEFAULT_RETAINED_RECORDS, DEFAULT_MAX_UNREAD_RECORDS);
    }

    /**
     * @param interceptors    run on every gateway call before the engine's handler (e.g. the journey lint on deploys)
     * @param retainedRecords how many recent records {@code getRecordStreamSource()} keeps beyond those its cursors
     *                        still need (its source is an {@link EngineRecordLog})
     * @param maxUnreadRecords above this many records a reader has not read, new work is refused with
     *                        RESOURCE_EXHAUSTED ({@link RecordBackpressureInterceptor}); 0 never refuses
     */
    public static ZeebeTestEngine create(String bindAddress, int port, Path stateDirectory, long memoryLimit,
                                         List<io.grpc.ServerInterceptor> interceptors, int retainedRecords,
                                         long maxUnreadRecords) {
        ControlledActorClock clock = new ControlledActorClock();
        ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
        scheduler.start();

        // the log releases what the stream processor and the record log have both passed: a bounded heap (issue 16.7)
        CompactingLogStorage logStorage = new CompactingLogStorage();
        LogStream logStream = LogStream.builder()
                .withPartitionId(PARTITION)
                .withLogStorage(logStorage)
                .withClock(clock)
                .withMeterRegistry(new SimpleMeterRegistry())
                .build();

        CommandWriter commandWriter = new CommandWriter(logStream.newLogStreamWriter());
        CommandSender commandSender = new CommandSender(commandWriter);
        GatewayRequestStore requests = new GatewayRequestStore();
        InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(commandWriter);
        GrpcToLogStreamGateway gateway = new GrpcToLogStreamGateway(commandWriter, PARTITION, PARTITION_COUNT, port, requests,
                jobStreamer);
        // the library's own factory binds every interface; this one binds the address it is given
        java.util.concurrent.atomic.AtomicReference<EngineRecordLog> recordLog = new java.util.concurrent.atomic.AtomicReference<>();
        List<io.grpc.ServerInterceptor> all = new java.util.ArrayList<>(interceptors);
        all.add(new RecordBackpressureInterceptor(() -> recordLog.get() == null ? 0 : recordLog.get().behind(), maxUnreadRecords));
        Server grpcServer = io.grpc.netty.NettyServerBuilder.forAddress(new java.net.InetSocketAddress(bindAddress, port))
                .addService(io.grpc.ServerInterceptors.intercept(gateway, all)).build();
        GrpcResponseWriter responseWriter = new GrpcResponseWriter(gateway, requests, null);

        ZeebeDb<ZbColumnFamilies> state = rocksDb(stateDirectory, memoryLimit);

        SecurityConfiguration security = new SecurityConfiguration();
        security.getAuthorizations().setEnabled(false);
        StreamProcessor streamProcessor = StreamProcessor.builder()
                .logStream(logStream)
                .zeebeDb(state)
                .commandResponseWriter(responseWriter)
                .partitionCommandSender(commandSender)
                .recordProcessors(List.of(new Engine(
                        context -> EngineProcessors.createEngineProcessors(
                                context,
                                PARTITION_COUNT,
                                new SubscriptionCommandSender(context.getPartitionId(), commandSender),
                                commandSender,
                                FeatureFlags.createDefault(),
                                jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        new EngineConfiguration(),
                        security)))
                .actorSchedulingService(scheduler)
                .clock(new ControllableStreamClockImpl(clock))
                .meterRegistry(new SimpleMeterRegistry())
                .build();

        // the library's monitor listens for commits on its own log type: it gets an empty one and our commits
        EngineStateMonitor monitor = new EngineStateMonitor(new InMemoryLogStorage(), streamProcessor);
        logStorage.addCommitListener(monitor);
        EngineRecordLog records = new EngineRecordLog(new LogReader(logStream.newLogStreamReader()), retainedRecords,
                read -> logStorage.compactBelow(Math.min(read, lastProcessed(streamProcessor))), DRAIN_INTERVAL,
                logStorage::bytes);
        recordLog.set(records);
        return new InMemoryEngine(grpcServer, streamProcessor, gateway, state, logStream, scheduler, records, clock, monitor);
    }

    /** The position of the last command the engine processed; -1 (release nothing) when it does not answer quickly. */
    private static long lastProcessed(StreamProcessor processor) {
        try {
            return processor.getLastProcessedPositionAsync().join(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Turns log entries into records, as the library's {@code RecordStreamSourceImpl} does, but creates only the value
     * type each entry holds (the library creates one of every value type for every record).
     */
    private static final class LogReader implements EngineRecordLog.Source {
        private final io.camunda.zeebe.logstreams.log.LogStreamReader reader;
        private long lastPosition = -1;

        LogReader(io.camunda.zeebe.logstreams.log.LogStreamReader reader) {
            this.reader = reader;
        }

        @Override
        public long readNew(List<io.camunda.zeebe.protocol.record.Record<?>> into) {
            if (lastPosition < 0) {
                reader.seekToFirstEvent();
            } else {
                reader.seekToNextEvent(lastPosition);
            }
            while (reader.hasNext()) {
                io.camunda.zeebe.logstreams.log.LoggedEvent event = reader.next();
                io.camunda.zeebe.protocol.impl.record.RecordMetadata metadata = new io.camunda.zeebe.protocol.impl.record.RecordMetadata();
                event.readMetadata(metadata);
                io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue value =
                        io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue.fromValueType(metadata.getValueType());
                event.readValue(value);
                into.add(new io.camunda.zeebe.protocol.impl.record.CopiedRecord<>(value, metadata, event.getKey(), PARTITION,
                        event.getPosition(), event.getSourceEventPosition(), event.getTimestamp()));
                lastPosition = event.getPosition();
            }
            return lastPosition;
        }
    }

    private static ZeebeDb<ZbColumnFamilies> rocksDb(Path directory, long memoryLimit) {
        RocksDbConfiguration configuration = new RocksDbConfiguration()
                .setMemoryLimit(memoryLimit)
                // the log is in memory and gone after a stop anyway: a write-ahead log would only cost time
                .setWalDisabled(true);
        ZeebeRocksDbFactory<ZbColumnFamilies> factory = new ZeebeRocksDbFactory<>(configuration,
                new ConsistencyChecksSettings(false, false),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION),
                SimpleMeterRegistry::new);
        return factory.createDb(directory.toFile());
    }
}
