package dev.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both state stores of the embedded engine (ADR-0015) run a process through a message wait and a timer, and the
 * RocksDB store's directory is gone after the engine stopped.
 */
class EmbeddedEngineStatesIT {

    private static final BpmnModelInstance PROCESS = Bpmn.createExecutableProcess("state-check")
            .startEvent()
            .intermediateCatchEvent("wait-for-reply").message(m -> m.name("state-check.reply").zeebeCorrelationKeyExpression("customerId"))
            .intermediateCatchEvent("wait-a-day").timerWithDuration("P1D")
            .endEvent("done")
            .done();

    @ParameterizedTest
    @EnumSource(EmbeddedEngineState.class)
    void runsAProcessThroughMessageAndTimerAndLeavesNothingBehind(EmbeddedEngineState state) throws Exception {
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(freePort(), state, 32L * 1024 * 1024);
        engine.start();
        Path directory = engine.stateDirectory().orElse(null);
        try (CamundaClient client = CamundaClient.newClientBuilder()
                .grpcAddress(URI.create(engine.gatewayAddress()))
                .preferRestOverGrpc(false)
                .build()) {
            if (state == EmbeddedEngineState.ROCKSDB) {
                assertThat(directory).isNotNull();
                try (java.util.stream.Stream<Path> files = Files.list(directory)) {
                    assertThat(files).as("RocksDB files").isNotEmpty();
                }
            } else {
                assertThat(directory).isNull();
            }
            EngineRecords records = EngineRecords.of(engine);
            client.newDeployResourceCommand().addProcessModel(PROCESS, "state-check.bpmn").send().join();
            long instance = client.newCreateInstanceCommand().bpmnProcessId("state-check").latestVersion()
                    .variables(Map.of("customerId", "c-" + state)).send().join().getProcessInstanceKey();
            await().atMost(Duration.ofSeconds(30)).until(() -> records.elementActivated(instance, "wait-for-reply"));

            client.newPublishMessageCommand().messageName("state-check.reply").correlationKey("c-" + state)
                    .timeToLive(Duration.ofMinutes(1)).send().join();
            await().atMost(Duration.ofSeconds(30)).until(() -> records.timerCreated(instance, "wait-a-day"));
            engine.clock().orElseThrow().advance(Duration.ofDays(1).plusSeconds(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> records.instanceCompleted(instance));
        } finally {
            engine.close();
        }
        if (directory != null) {
            assertThat(directory).doesNotExist();
        }
        assertThat(engine.stateDirectory()).isEmpty();
    }

    /**
     * The gateway listens on loopback only: another loopback address (127.0.0.2, Linux) can still bind the same port,
     * which it could not if the engine held the port on every interface, as the library's own factory (MEMORY) does.
     */
    @ParameterizedTest
    @EnumSource(EmbeddedEngineState.class)
    void theGatewayListensOnLoopbackOnlyWithRocksDbState(EmbeddedEngineState state) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "127.0.0.2 is a loopback address on Linux");
        int port = freePort();
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(port, state, 32L * 1024 * 1024);
        engine.start();
        try (java.net.ServerSocket other = new java.net.ServerSocket()) {
            boolean portFreeElsewhere;
            try {
                other.bind(new java.net.InetSocketAddress("127.0.0.2", port));
                portFreeElsewhere = true;
            } catch (java.net.BindException e) {
                portFreeElsewhere = false;
            }
            assertThat(portFreeElsewhere).as("port %d free on 127.0.0.2 with state %s", port, state)
                    .isEqualTo(state == EmbeddedEngineState.ROCKSDB);
        } finally {
            engine.close();
        }
    }

    @org.junit.jupiter.api.Test
    void stateLeftByAKilledProcessIsRemovedAtTheNextStartAndALiveProcesssStateIsKept() throws Exception {
        Process finished = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        finished.waitFor();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createDirectories(tmp.resolve("touchpoint-engine-state-" + finished.pid() + "-it"));
        Files.writeString(stale.resolve("LOCK"), "");
        Path live = Files.createDirectories(tmp.resolve("touchpoint-engine-state-" + ProcessHandle.current().pid() + "-it"));
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(freePort(), EmbeddedEngineState.ROCKSDB, 32L * 1024 * 1024);
        try {
            engine.start();
            assertThat(stale).as("state of a process that no longer runs").doesNotExist();
            assertThat(live).as("state of a running process (this one)").exists();
        } finally {
            engine.close();
            Files.deleteIfExists(live);
        }
    }

    @org.junit.jupiter.api.Test
    void aTakenPortFailsTheStartAtOnceNamingThePortAndTheSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(taken.getLocalPort(), EmbeddedEngineState.ROCKSDB, 32L * 1024 * 1024);
            // checked before the engine is built: the library would log the failed bind and wait five minutes
            org.assertj.core.api.Assertions.assertThatThrownBy(engine::start)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .hasMessageContaining("touchpoint.engine.embedded.port");
            engine.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
