package dev.touchpoint.channel.kiosk.web;

import dev.touchpoint.channel.kiosk.KioskConnection;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** A kiosk page's Spring WebSocket session: sends are serialised and bounded in time and buffer. */
final class SpringKioskConnection implements KioskConnection {

    private static final Logger log = LoggerFactory.getLogger(SpringKioskConnection.class);
    /** A screen with inlined images is up to 512 KB; a slow kiosk may have two queued. */
    private static final int BUFFER_LIMIT = 2 * 1024 * 1024;
    private static final int SEND_TIME_LIMIT_MS = 10_000;

    private final WebSocketSession session;

    SpringKioskConnection(WebSocketSession session) {
        this.session = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public boolean send(String text) {
        if (!session.isOpen()) {
            return false;
        }
        try {
            session.sendMessage(new TextMessage(text));
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("Kiosk session {}: send failed: {}", session.getId(), e.toString());
            return false;
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseStatus(code, reason));
        } catch (IOException | RuntimeException e) {
            log.debug("Kiosk session {}: close failed: {}", session.getId(), e.toString());
        }
    }
}
