package dev.touchpoint.bench.e2e;

import dev.touchpoint.engine.EmbeddedZeebeEngine;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded Zeebe engine alone in its own JVM ({@code BenchMain engine [port]}, default 26600), so the end-to-end
 * benchmark can run against it as a "remote" gateway ({@code e2e --gateway=http://127.0.0.1:26600}): the engine then
 * no longer shares a JVM (heap, GC, JIT) with the application, and the remote code path is exercised without a
 * cluster. Runs until the process is stopped.
 */
public final class StandaloneEngine {

    private StandaloneEngine() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 26600;
        EmbeddedZeebeEngine engine = new EmbeddedZeebeEngine(port);
        engine.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "standalone-engine-stop"));
        System.err.println("[bench] standalone engine: gRPC gateway on " + engine.gatewayAddress()
                + " (all interfaces); stop with Ctrl-C");
        stopped.await();
        Runtime.getRuntime().halt(0); // the engine leaves a non-daemon timer thread behind
    }
}
