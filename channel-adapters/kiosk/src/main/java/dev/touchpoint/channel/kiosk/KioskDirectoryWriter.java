package dev.touchpoint.channel.kiosk;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory changes caused by pages, run in order on one thread of their own: a WebSocket or Hazelcast event
 * thread must not wait for the cluster. A change the directory refuses is logged; the heartbeat sweep repairs the
 * entry.
 */
final class KioskDirectoryWriter {

    private static final Logger log = LoggerFactory.getLogger(KioskDirectoryWriter.class);

    private final String instanceId;
    private final KioskDirectory directory;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "kiosk-directory-writer");
        thread.setDaemon(true);
        return thread;
    });

    KioskDirectoryWriter(String instanceId, KioskDirectory directory) {
        this.instanceId = instanceId;
        this.directory = directory;
    }

    void register(KioskPresence presence) {
        write(() -> directory.register(presence));
    }

    void update(KioskSession session, UnaryOperator<KioskPresence> change) {
        write(() -> directory.update(session.storeId, session.kioskId, session.connection.id(), change));
    }

    void unregister(KioskSession session) {
        write(() -> directory.unregister(session.storeId, session.kioskId, session.connection.id()));
    }

    /** Runs the changes already taken (for at most five seconds) and takes no more. */
    void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Kiosk hub {}: the directory did not take the last changes in time", instanceId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Runnable change) {
        try {
            writer.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    log.warn("Kiosk hub {}: the kiosk directory did not take a change: {}", instanceId,
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Kiosk hub {} is closed; directory change dropped", instanceId);
        }
    }
}
