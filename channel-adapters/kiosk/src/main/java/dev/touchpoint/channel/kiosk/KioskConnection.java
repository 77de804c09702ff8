package dev.touchpoint.channel.kiosk;

/**
 * One kiosk page's live connection (a WebSocket session) as the hub sees it. Implementations are thread-safe:
 * several threads may send at once.
 */
public interface KioskConnection {

    /** Close code for a connection that a newer connection of the same kiosk replaced. */
    int REPLACED = 4409;
    /** Close code for a connection that stopped sending heartbeats. */
    int SILENT = 4408;
    /** Close code asking the page to reconnect (the hub dropped it on purpose). */
    int RECONNECT = 4000;
    /** Close code when the instance shuts down (the page reconnects to another). */
    int GOING_AWAY = 1001;

    /** Unique per connection, on this instance. */
    String id();

    /** Sends a text message; {@code false} when the connection is gone or the message could not be sent. */
    boolean send(String text);

    /** Closes the connection with a WebSocket close code. */
    void close(int code, String reason);
}
