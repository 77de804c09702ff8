package dev.touchpoint.ledger;

import dev.touchpoint.channel.Channel;

import dev.touchpoint.IsolatedApplication;
import dev.touchpoint.TouchpointApplication;
import dev.touchpoint.delivery.TouchpointEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run in a child JVM by {@link LedgerCrashIT}: the whole application on an H2 file, then a burst of sends from
 * several threads, each exactly as a touchpoint worker does it: the evidence of the attempt (SENDING) is published
 * and acknowledged, the provider stub receives the message (a line appended to a file, unbuffered), the outcome (SENT)
 * is published and acknowledged. The parent kills this JVM in the middle of the burst.
 *
 * <p>Arguments: H2 database directory, provider stub file, ledger master key (base64), journeys folder.
 */
public final class LedgerCrashProbe {

    static final int THREADS = 8;
    static final long MAX_SENDS = 1_000_000;

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path providerFile = Path.of(args[1]);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TouchpointApplication.class)
                .run(IsolatedApplication.arguments("server.port=0",
                        "spring.datasource.url=jdbc:h2:file:" + db.resolve("touchpoint") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "touchpoint.ledger.encryption.master-key=" + args[2],
                        "touchpoint.journeys.location=" + args[3]));
        AtomicLong next = new AtomicLong();
        try (FileChannel provider = FileChannel.open(providerFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            System.out.println("BURST-STARTED");
            System.out.flush();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread thread = new Thread(() -> {
                    long n;
                    while ((n = next.getAndIncrement()) < MAX_SENDS) {
                        String key = "crash-" + n;
                        String customer = "crash-customer-" + (n % 40);
                        String providerMessageId = "stub-" + n;
                        context.publishEvent(new TouchpointEvent.Sending(header(customer, key, n)));
                        receive(provider, key + " " + providerMessageId + "\n");
                        context.publishEvent(new TouchpointEvent.Sent(header(customer, key, n), providerMessageId));
                    }
                }, "burst-" + t);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        System.out.println("BURST-DONE " + next.get());
        context.close();
    }

    private static TouchpointEvent.Header header(String customer, String key, long n) {
        return new TouchpointEvent.Header(customer, key, "crash-burst:1", 1_000_000 + n, "send-email", Channel.EMAIL, "welcome",
                "1.0.0", "0".repeat(63) + (n % 10), Instant.now(), "");
    }

    /** The provider stub: one unbuffered append per message (what reached the provider survives the kill). */
    private static void receive(FileChannel provider, String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            synchronized (provider) {
                while (bytes.hasRemaining()) {
                    provider.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
