package dev.touchpoint.channel.kiosk.web;

import dev.touchpoint.channel.KioskTarget;
import dev.touchpoint.channel.kiosk.KioskTokens;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks a kiosk's token before its WebSocket opens: {@code /kiosk/ws?store=...&kiosk=...&token=...} (browsers
 * cannot set headers on a WebSocket, so the token travels in the query string, as in the page's own URL). A missing
 * or wrong token gets 403 and no socket.
 */
public class KioskHandshakeInterceptor implements HandshakeInterceptor {

    static final String STORE_ATTRIBUTE = "touchpoint.kiosk.storeId";
    static final String KIOSK_ATTRIBUTE = "touchpoint.kiosk.kioskId";
    private static final Logger log = LoggerFactory.getLogger(KioskHandshakeInterceptor.class);

    private final KioskTokens tokens;

    public KioskHandshakeInterceptor(KioskTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build(true).getQueryParams();
        String storeId = decode(query.getFirst("store"));
        String kioskId = decode(query.getFirst("kiosk"));
        String token = decode(query.getFirst("token"));
        if (!tokens.verify(storeId, kioskId, token)) {
            log.warn("Refused a kiosk WebSocket without a valid token (kiosk {}/{})", safe(storeId), safe(kioskId));
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(STORE_ATTRIBUTE, storeId);
        attributes.put(KIOSK_ATTRIBUTE, kioskId);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Only valid ids go into the log (no control characters from a caller). */
    static String safe(String id) {
        return KioskTarget.isValidId(id) ? id : "?";
    }
}
