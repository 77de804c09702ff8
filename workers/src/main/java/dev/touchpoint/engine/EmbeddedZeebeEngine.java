package dev.touchpoint.engine;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.engine.RocksDbStateEngineFactory;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.Timer;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Zeebe engine (stream processor, state, gRPC gateway) running inside this JVM. It is Camunda's own engine as
 * packaged by {@code zeebe-process-test-engine}: deployments, instances, jobs, messages and timers behave as on a
 * cluster, but nothing survives a restart and there is one partition. Its state is in RocksDB in a temporary directory
 * by default ({@link EmbeddedEngineState}, ADR-0015); its log is in memory.
 *
 * <p>The gateway listens on {@code bindAddress} (loopback by default: only this machine can deploy to it or run jobs on
 * it). The MEMORY state uses the library's own factory, which binds all interfaces: a warning says so at start.
 */
public final class EmbeddedZeebeEngine implements EngineRuntime, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

    private static final String STATE_PREFIX = "touchpoint-engine-state-";
    static final String LOOPBACK = "127.0.0.1";

    /** Engines running in this JVM (tests start several one after the other). */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final String bindAddress;
    private final int port;
    private final EmbeddedEngineState state;
    private final long stateMemory;
    private final int retainedRecords;
    private final long maxUnreadRecords;
    private ZeebeTestEngine engine;
    private EngineRecordLog recordLog;
    private volatile String identity = "";
    private java.nio.file.Path stateDirectory;
    private DeploymentGuard deploymentGuard;

    public EmbeddedZeebeEngine(int port) {
        this(port, EmbeddedEngineState.ROCKSDB, 128L * 1024 * 1024);
    }

    public EmbeddedZeebeEngine(int port, EmbeddedEngineState state, long stateMemory) {
        this(LOOPBACK, port, state, stateMemory);
    }

    /** @param bindAddress the interface the gateway listens on: 127.0.0.1 (default), or 0.0.0.0 for every interface */
    public EmbeddedZeebeEngine(String bindAddress, int port, EmbeddedEngineState state, long stateMemory) {
        this(bindAddress, port, state, stateMemory, RocksDbStateEngineFactory.DEFAULT_RETAINED_RECORDS,
                RocksDbStateEngineFactory.DEFAULT_MAX_UNREAD_RECORDS);
    }

    /**
     * @param retainedRecords how many of the most recent records {@link #records()} keeps for a look at what happened,
     *                        beyond those its cursors and subscriptions have not read yet (issue 16.7)
     * @param maxUnreadRecords above this many records a reader has not read, the gateway refuses new work with
     *                        RESOURCE_EXHAUSTED until it caught up (ROCKSDB state; 0 never refuses)
     */
    public EmbeddedZeebeEngine(String bindAddress, int port, EmbeddedEngineState state, long stateMemory, int retainedRecords,
                               long maxUnreadRecords) {
        this.maxUnreadRecords = maxUnreadRecords;
        if (retainedRecords < 0) {
            throw new IllegalArgumentException("touchpoint.engine.embedded.retained-records must be 0 or more, was " + retainedRecords);
        }
        this.retainedRecords = retainedRecords;
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("embedded engine port must be 1-65535, was " + port);
        }
        this.bindAddress = bindAddress == null || bindAddress.isBlank() ? LOOPBACK : bindAddress.strip();
        this.port = port;
        this.state = state;
        this.stateMemory = stateMemory;
    }

    /**
     * Checks every deployment that reaches the gateway (ROCKSDB state; the MEMORY state's library factory has no hook,
     * so there only the journeys folder and {@code ./touchpoint deploy} are linted). Set before {@link #start()}.
     */
    public synchronized void guardDeployments(DeploymentGuard guard) {
        this.deploymentGuard = guard;
    }

    public synchronized void start() {
        if (engine != null) {
            return;
        }
        requirePortFree();
        ZeebeTestEngine created;
        if (state == EmbeddedEngineState.ROCKSDB) {
            removeStateOfDeadProcesses();
            try {
                stateDirectory = java.nio.file.Files.createTempDirectory(STATE_PREFIX + ProcessHandle.current().pid() + "-");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Could not create a temporary directory for the embedded engine's state"
                        + " (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
            }
            try {
                created = RocksDbStateEngineFactory.create(bindAddress, port, stateDirectory, stateMemory,
                        deploymentGuard == null ? java.util.List.of() : java.util.List.of(new DeploymentGuardInterceptor(deploymentGuard)),
                        retainedRecords, maxUnreadRecords);
            } catch (RuntimeException | Error e) {
                deleteStateDirectory();
                throw e;
            }
        } else {
            log.warn("Embedded Zeebe engine with state MEMORY: its gateway listens on ALL interfaces on port {} (the engine"
                    + " library offers no other option), without authentication: anyone who can reach this machine can"
                    + " deploy and run jobs. Use state ROCKSDB (the default), which listens on {} only", port, bindAddress);
            if (deploymentGuard != null) {
                log.warn("Embedded Zeebe engine with state MEMORY: deployments sent straight to its gateway (e.g. from Camunda"
                        + " Modeler) are not linted; the journeys folder and ./touchpoint deploy are");
            }
            created = EngineFactory.create(port);
        }
        try {
            created.start();
        } catch (RuntimeException e) {
            created.stop();
            deleteStateDirectory();
            throw new IllegalStateException(
                    "Could not start the embedded Zeebe engine on port " + port
                            + ". Is another Touchpoint or Zeebe already listening there? Set touchpoint.engine.embedded.port"
                            + " (env TOUCHPOINT_ENGINE_PORT) to a free port.",
                    e);
        }
        engine = created;
        recordLog = created.getRecordStreamSource() instanceof EngineRecordLog bounded ? bounded
                : new EngineRecordLog(new LibraryRecords(created.getRecordStreamSource()), retainedRecords, null,
                        java.time.Duration.ofMillis(200));
        identity = newIdentity();
        RUNNING.incrementAndGet();
        String listening = state == EmbeddedEngineState.ROCKSDB ? bindAddress : "all interfaces";
        log.info("Embedded Zeebe engine started (incarnation {}); gRPC gateway on {}:{}; state in {}", identity, listening, port,
                stateDirectory == null ? "memory" : "RocksDB at " + stateDirectory);
        log.info("Embedded default: customers, consent, campaigns and the evidence ledger are kept in the database across a"
                + " restart; journeys still running are not (this engine is in memory): a graceful stop lists and saves them"
                + " for POST /api/journeys/interrupted/restart, a killed process loses them");
        if (state == EmbeddedEngineState.ROCKSDB && !isLoopback(bindAddress)) {
            log.warn("The embedded engine's gateway listens on {}:{} without authentication: anyone who can reach it can"
                    + " deploy and run jobs (touchpoint.engine.embedded.bind-address)", bindAddress, port);
        }
    }

    /**
     * Fails at once when the gateway's port is taken (e.g. a second {@code ./touchpoint run}): the engine library
     * logs a failed bind and then waits five minutes for a start that cannot happen.
     */
    private void requirePortFree() {
        String host = state == EmbeddedEngineState.ROCKSDB ? bindAddress : "0.0.0.0";
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not start the embedded Zeebe engine: port " + port + " on " + host
                    + " is in use (" + e.getMessage() + "). Is another Touchpoint or Zeebe already listening there? Set"
                    + " touchpoint.engine.embedded.port (env TOUCHPOINT_ENGINE_PORT) to a free port.", e);
        }
    }

    /** {@code e} and 8 random hex digits: a new incarnation at every start (the engine starts empty). */
    static String newIdentity() {
        return "e" + java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    @Override
    public String identity() {
        return identity;
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (engine == null) {
            return;
        }
        try {
            recordLog.close();
            engine.stop();
        } finally {
            engine = null;
            recordLog = null;
            deleteStateDirectory();
            if (RUNNING.decrementAndGet() == 0) {
                cancelEngineStateMonitorTimer();
            }
            log.info("Embedded Zeebe engine stopped; port {} released", port);
        }
    }

    /**
     * A process that was killed could not delete its state directory; its name carries the process id, so the next
     * start removes the directories of processes that no longer run (never another live engine's).
     */
    private static void removeStateOfDeadProcesses() {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.regex.Pattern name = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(STATE_PREFIX) + "(\\d+)-.*");
        try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(tmp)) {
            for (java.nio.file.Path entry : entries.toList()) {
                java.util.regex.Matcher matcher = name.matcher(entry.getFileName().toString());
                if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).map(ProcessHandle::isAlive).orElse(false) == false) {
                    log.info("Removing the embedded engine state left by process {}, which no longer runs: {}", matcher.group(1), entry);
                    deleteRecursively(entry);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("Could not look for stale embedded engine state in {}: {}", tmp, e.toString());
        }
    }

    private void deleteStateDirectory() {
        java.nio.file.Path directory = stateDirectory;
        stateDirectory = null;
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(java.nio.file.Path directory) {
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(directory)) {
            for (java.nio.file.Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(path);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            log.warn("Could not delete the embedded engine's state directory {}: {}", directory, e.toString());
        }
    }

    /**
     * The engine library keeps a static, non-daemon {@link Timer} in {@code EngineStateMonitor} (it serves only
     * {@code waitForIdleState}/{@code waitForBusyState}, which Touchpoint does not use). Left alone, its thread keeps
     * the JVM alive after the engine stopped. When the last embedded engine of this JVM stops, we cancel it.
     */
    private static void cancelEngineStateMonitorTimer() {
        try {
            Class<?> monitor = Class.forName("io.camunda.zeebe.process.test.engine.EngineStateMonitor");
            Field timerField = monitor.getDeclaredField("TIMER");
            timerField.setAccessible(true);
            if (timerField.get(null) instanceof Timer timer) {
                timer.cancel();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not stop the engine library's timer thread; the JVM may not exit by itself: {}", e.toString());
        }
    }

    /** Where the engine's RocksDB state is while it runs (empty with {@link EmbeddedEngineState#MEMORY} or when stopped). */
    public synchronized Optional<java.nio.file.Path> stateDirectory() {
        return Optional.ofNullable(stateDirectory);
    }

    public int port() {
        return port;
    }

    @Override
    public EngineMode mode() {
        return EngineMode.EMBEDDED;
    }

    @Override
    public String gatewayAddress() {
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? LOOPBACK : bindAddress;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public Optional<EngineClock> clock() {
        return Optional.of(duration -> running().increaseTime(duration));
    }

    /**
     * The engine's records in bounded memory ({@link EngineRecordLog}): with the ROCKSDB state the log behind them is
     * released as it is read too; with the MEMORY state the engine library still keeps every record it wrote.
     */
    @Override
    public Optional<RecordStream> records() {
        return Optional.of(runningRecords());
    }

    private synchronized EngineRecordLog runningRecords() {
        running();
        return recordLog;
    }

    /** Records held in memory by the record log now (a gauge for operators; 0 when stopped). */
    public synchronized int recordsHeld() {
        return recordLog == null ? 0 : recordLog.held();
    }

    /** Bytes of log entries the engine holds now (-1 with the MEMORY state, whose library log only grows; 0 when stopped). */
    public synchronized long logBytesHeld() {
        return recordLog == null ? 0 : recordLog.sourceBytes();
    }

    /**
     * The MEMORY state's records: the library's list, which only grows (it is read from where the last call stopped;
     * a list fixed at the call's size, since the library appends to it while we read).
     */
    private static final class LibraryRecords implements EngineRecordLog.Source {
        private final io.camunda.zeebe.process.test.api.RecordStreamSource source;
        private int read;

        LibraryRecords(io.camunda.zeebe.process.test.api.RecordStreamSource source) {
            this.source = source;
        }

        @Override
        public long readNew(java.util.List<io.camunda.zeebe.protocol.record.Record<?>> into) {
            Iterable<io.camunda.zeebe.protocol.record.Record<?>> all = source.getRecords();
            long last = -1;
            if (all instanceof java.util.List<io.camunda.zeebe.protocol.record.Record<?>> list) {
                int size = list.size();
                for (int i = read; i < size; i++) {
                    into.add(list.get(i));
                    last = list.get(i).getPosition();
                }
                read = Math.max(read, size);
            }
            return last;
        }
    }

    private synchronized ZeebeTestEngine running() {
        if (engine == null) {
            throw new IllegalStateException("the embedded engine is not running");
        }
        return engine;
    }
}
