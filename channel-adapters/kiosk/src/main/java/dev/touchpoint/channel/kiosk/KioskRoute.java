package dev.touchpoint.channel.kiosk;

import java.util.function.Consumer;

/**
 * Messages between app instances, addressed by instance id: a send on one instance for a kiosk connected to another
 * travels here, and the outcome travels back. Delivery is at most once; the hub's timeouts cover lost messages. The
 * messages are signed by the hub ({@link RouteSigner}); the route only carries text.
 */
public interface KioskRoute extends AutoCloseable {

    /** Starts delivering the messages addressed to {@code instanceId} to {@code inbox}. */
    void listen(String instanceId, Consumer<String> inbox);

    /** Sends a message to an instance; silently lost when nobody listens for that id. */
    void send(String instanceId, String message);

    /** Stops listening. */
    @Override
    void close();
}
