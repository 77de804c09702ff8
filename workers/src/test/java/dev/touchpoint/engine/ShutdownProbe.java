package dev.touchpoint.engine;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TouchpointApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run in a child JVM by {@link CleanShutdownIT}: starts the application on its embedded defaults, closes it, checks
 * that the engine and HTTP ports can be bound again, and returns from main. The JVM must then exit by itself; if a
 * non-daemon thread is left behind, a watchdog prints it and exits with status 3.
 */
public final class ShutdownProbe {

    public static void main(String[] args) throws Exception {
        String journeys = args[0];
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TouchpointApplication.class)
                .run(IsolatedApplication.arguments("server.port=0", "touchpoint.journeys.location=" + journeys));
        int enginePort = context.getBean(EmbeddedZeebeEngine.class).port();
        int httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
        context.close();

        bind(enginePort);
        bind(httpPort);
        System.out.println("PORTS-RELEASED engine=" + enginePort + " http=" + httpPort);

        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                return;
            }
            Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !t.isDaemon() && t.isAlive())
                    .forEach(t -> System.out.println("LEFTOVER-NON-DAEMON-THREAD " + t.getName()));
            Runtime.getRuntime().halt(3);
        }, "shutdown-probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void bind(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        }
    }
}
