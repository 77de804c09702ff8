package dev.touchpoint.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback SMTP relay stand-in for load tests: speaks just enough SMTP for Jakarta Mail (EHLO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT), reports every accepted message to a {@link Listener} the moment its DATA ends, then holds the
 * {@code 250} answer for a random delay in {@code [minDelayMs, maxDelayMs]} (a real relay's queueing latency).
 * Nothing is stored. One virtual thread per connection.
 */
final class DelayingSmtpServer implements AutoCloseable {

    /** Called when a message's DATA ended, before the delayed answer; {@code delayMs} is the delay about to be applied. */
    interface Listener {
        void accepted(String recipient, long receivedNanos, long delayMs);
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final int minDelayMs;
    private final int maxDelayMs;
    private final Listener listener;
    private volatile boolean open = true;

    DelayingSmtpServer(int minDelayMs, int maxDelayMs, Listener listener) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.listener = listener;
        Thread.ofPlatform().daemon().name("bench-smtp-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                if (open) {
                    System.err.println("bench smtp: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 bench-smtp ready");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench-smtp\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> reply(out, "250 bench-smtp");
                    case "MAIL" -> {
                        recipient = null;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        int lt = line.indexOf('<');
                        int gt = line.indexOf('>');
                        if (recipient == null && lt >= 0 && gt > lt) {
                            recipient = line.substring(lt + 1, gt);
                        }
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String data;
                        while ((data = in.readLine()) != null && !".".equals(data)) {
                            // the content is not needed
                        }
                        long received = System.nanoTime();
                        long delay = minDelayMs >= maxDelayMs ? minDelayMs
                                : ThreadLocalRandom.current().nextLong(minDelayMs, maxDelayMs + 1L);
                        if (recipient != null) {
                            listener.accepted(recipient, received, delay);
                        }
                        if (delay > 0) {
                            Thread.sleep(delay); // the simulated relay latency, not synchronisation
                        }
                        reply(out, "250 OK queued");
                    }
                    case "RSET" -> {
                        recipient = null;
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        connections.shutdownNow();
    }
}
