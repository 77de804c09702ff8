package dev.touchpoint.channel.kiosk.web;

import dev.touchpoint.channel.kiosk.KioskHub;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The kiosk WebSocket ({@value #PATH}): connects each authenticated page (see {@link KioskHandshakeInterceptor}) to
 * the {@link KioskHub} and passes its messages on.
 */
public class KioskWebSocketHandler extends TextWebSocketHandler {

    /** Where kiosk pages connect. */
    public static final String PATH = "/kiosk/ws";
    /** Largest message a page may send (its messages are a few dozen bytes). */
    static final int MAX_PAGE_MESSAGE = 4096;

    private final KioskHub hub;
    private final Map<String, SpringKioskConnection> connections = new ConcurrentHashMap<>();

    public KioskWebSocketHandler(KioskHub hub) {
        this.hub = hub;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setTextMessageSizeLimit(MAX_PAGE_MESSAGE);
        SpringKioskConnection connection = new SpringKioskConnection(session);
        connections.put(session.getId(), connection);
        hub.connected(connection, (String) session.getAttributes().get(KioskHandshakeInterceptor.STORE_ATTRIBUTE),
                (String) session.getAttributes().get(KioskHandshakeInterceptor.KIOSK_ATTRIBUTE));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SpringKioskConnection connection = connections.get(session.getId());
        if (connection != null) {
            hub.received(connection, message.getPayload());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SpringKioskConnection connection = connections.remove(session.getId());
        if (connection != null) {
            hub.disconnected(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
        if (session.isOpen()) {
            session.close(CloseStatus.SERVER_ERROR);
        }
    }
}
