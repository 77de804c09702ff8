package dev.touchpoint.bench.e2e;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The two provider stubs (SMTP relay and FCM), either in the benchmark JVM or, by default, in a child JVM of their own
 * ({@code BenchMain stubs ...}), so that the CPU the benchmark measures for the application is not the stubs' CPU
 * (issue 21.1): their own cost is measured separately ({@link #cpuNanos()}).
 *
 * <p>The child reports every provider request on its standard output, one line each, with its arrival time read from
 * {@link System#nanoTime()}. On Linux that clock is {@code CLOCK_MONOTONIC}, one clock for every process of the machine,
 * so the child's times compare directly with this JVM's; the handshake checks that (the child's time at start-up must
 * fall between the launch and the handshake here) and refuses to measure otherwise.
 */
abstract class ProviderStubs implements AutoCloseable {

    @Override
    public abstract void close() throws IOException;

    /** Where the stubs report the requests they receive. */
    interface Listener {
        void email(String customerId, long receivedNanos, long delayMs);

        void push(String customerId, long receivedNanos);
    }

    abstract int smtpPort();

    abstract String fcmBaseUrl();

    abstract Path serviceAccount();

    /** CPU time the stubs used so far, or -1 when they share this JVM (then it is inside the application's figure). */
    abstract long cpuNanos();

    abstract String where();

    static ProviderStubs start(E2eOptions options, Path dir, Listener listener) throws IOException {
        return options.stubsInProcess() ? new InProcess(options, dir, listener) : new ChildProcess(options, dir, listener);
    }

    static String customerOfRecipient(String recipient) {
        return recipient.substring(0, recipient.indexOf('@'));
    }

    static String customerOfToken(String token) {
        return token.startsWith("tok-") ? token.substring(4) : token;
    }

    // --- in this JVM ----------------------------------------------------------------------------------------------

    private static final class InProcess extends ProviderStubs {
        private final DelayingSmtpServer smtp;
        private final FcmStub fcm;
        private final Path serviceAccount;

        InProcess(E2eOptions options, Path dir, Listener listener) throws IOException {
            smtp = new DelayingSmtpServer(options.smtpMinDelayMs(), options.smtpMaxDelayMs(),
                    (recipient, nanos, delay) -> listener.email(customerOfRecipient(recipient), nanos, delay));
            fcm = new FcmStub(options.fcmMinDelayMs(), options.fcmMaxDelayMs(),
                    (token, nanos) -> listener.push(customerOfToken(token), nanos));
            serviceAccount = fcm.writeServiceAccount(dir);
        }

        int smtpPort() {
            return smtp.port();
        }

        String fcmBaseUrl() {
            return fcm.baseUrl();
        }

        Path serviceAccount() {
            return serviceAccount;
        }

        long cpuNanos() {
            return -1;
        }

        String where() {
            return "in the benchmark JVM (their CPU is inside the application's figures)";
        }

        @Override
        public void close() throws IOException {
            fcm.close();
            smtp.close();
        }
    }

    // --- in a child JVM -------------------------------------------------------------------------------------------

    private static final class ChildProcess extends ProviderStubs {
        private final Process process;
        private final int smtpPort;
        private final String fcmBaseUrl;
        private final Path serviceAccount;

        ChildProcess(E2eOptions options, Path dir, Listener listener) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=4", "-cp", System.getProperty("java.class.path"),
                    "dev.touchpoint.bench.BenchMain", "stubs",
                    options.smtpMinDelayMs() + "-" + options.smtpMaxDelayMs(),
                    options.fcmMinDelayMs() + "-" + options.fcmMaxDelayMs(), dir.toString()));
            long launched = System.nanoTime();
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            long handshake = System.nanoTime();
            if (ready == null || !ready.startsWith("READY ")) {
                process.destroyForcibly();
                throw new IOException("the provider stubs process did not start (first line: " + ready + ")");
            }
            String[] parts = ready.split(" ");
            long childNanos = Long.parseLong(parts[4]);
            if (childNanos < launched || childNanos > handshake) {
                process.destroyForcibly();
                throw new IOException("the provider stubs' System.nanoTime() is not this JVM's clock (child " + childNanos
                        + ", here " + launched + " .. " + handshake + "): run with --stubs=inline on this platform");
            }
            smtpPort = Integer.parseInt(parts[1]);
            fcmBaseUrl = parts[2];
            serviceAccount = Path.of(parts[3]);
            CountDownLatch started = new CountDownLatch(1);
            Thread.ofPlatform().daemon().name("bench-stubs-reader").start(() -> {
                started.countDown();
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        String[] f = line.split(" ");
                        switch (f[0]) {
                            case "E" -> listener.email(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]));
                            case "P" -> listener.push(f[1], Long.parseLong(f[2]));
                            default -> System.err.println("bench stubs: " + line);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("bench stubs: reader stopped: " + e);
                }
            });
            try {
                started.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int smtpPort() {
            return smtpPort;
        }

        String fcmBaseUrl() {
            return fcmBaseUrl;
        }

        Path serviceAccount() {
            return serviceAccount;
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }

        String where() {
            return "in a child JVM (pid " + process.pid() + "; their CPU is measured separately)";
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code BenchMain stubs <smtp min-max ms> <fcm min-max ms> <dir>}: the child's main. Prints {@code READY <smtp port>
     * <fcm base url> <service account file> <nanoTime>}, then one line per provider request: {@code E <customer>
     * <nanos> <delay ms>} for an email at the end of its DATA, {@code P <customer> <nanos>} for a push. Ends when its
     * standard input closes (the benchmark ended or died) or on SIGTERM.
     */
    static void main(String[] args) throws Exception {
        int[] smtpDelay = range(args[0]);
        int[] fcmDelay = range(args[1]);
        Path dir = Files.createDirectories(Path.of(args[2]));
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        Object lock = new Object();
        try (DelayingSmtpServer smtp = new DelayingSmtpServer(smtpDelay[0], smtpDelay[1], (recipient, nanos, delay) -> {
                    synchronized (lock) {
                        write(out, "E " + customerOfRecipient(recipient) + " " + nanos + " " + delay);
                    }
                });
             FcmStub fcm = new FcmStub(fcmDelay[0], fcmDelay[1], (token, nanos) -> {
                    synchronized (lock) {
                        write(out, "P " + customerOfToken(token) + " " + nanos);
                    }
                })) {
            Path serviceAccount = fcm.writeServiceAccount(dir);
            synchronized (lock) {
                write(out, "READY " + smtp.port() + " " + fcm.baseUrl() + " " + serviceAccount + " " + System.nanoTime());
            }
            while (System.in.read() >= 0) {
                // the parent keeps our standard input open while it runs
            }
        }
        System.exit(0);
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            System.exit(3); // the benchmark is gone
        }
    }

    private static int[] range(String value) {
        String[] parts = value.split("-");
        int min = Integer.parseInt(parts[0]);
        return new int[] {min, parts.length > 1 ? Integer.parseInt(parts[1]) : min};
    }
}
