package dev.touchpoint.channel.kiosk.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.touchpoint.channel.kiosk.KioskRoute;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Messages between app instances over Hazelcast: each instance reads its own {@code ITopic}
 * ({@value KioskHazelcastNames#INBOX_TOPIC_PREFIX}{@code <instanceId>}), so a send reaches only the instance it is
 * for (works for members and for clients of a separate cluster alike). Messages are plain strings; a message to an
 * instance that is gone is lost, which the hub's route timeout turns into a retryable failure.
 */
public final class HazelcastKioskRoute implements KioskRoute {

    private final HazelcastInstance hazelcast;
    private ITopic<String> inbox;
    private UUID registration;

    public HazelcastKioskRoute(HazelcastInstance hazelcast) {
        this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
    }

    @Override
    public synchronized void listen(String instanceId, Consumer<String> handler) {
        if (inbox != null) {
            throw new IllegalStateException("already listening as " + inbox.getName());
        }
        inbox = hazelcast.getTopic(KioskHazelcastNames.INBOX_TOPIC_PREFIX + instanceId);
        registration = inbox.addMessageListener(message -> handler.accept(message.getMessageObject()));
    }

    @Override
    public void send(String instanceId, String message) {
        hazelcast.<String>getTopic(KioskHazelcastNames.INBOX_TOPIC_PREFIX + instanceId).publish(message);
    }

    @Override
    public synchronized void close() {
        if (inbox != null && hazelcast.getLifecycleService().isRunning()) {
            inbox.removeMessageListener(registration);
            inbox.destroy();
        }
        inbox = null;
    }
}
