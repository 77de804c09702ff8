package dev.touchpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kiosk page's side of the kiosk WebSocket, for tests: connects as the page in a store does
 * ({@code /kiosk/ws?store=&kiosk=&token=}), keeps every message it receives, sends what the page sends and, like the
 * page, a heartbeat ({@code ping}) at the interval the hub's {@code welcome} asks for, so a test may hold it for minutes.
 */
public final class KioskPage implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiosk-page-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    private KioskPage(String baseUrl, String store, String kiosk, String token) {
        String ws = baseUrl.replaceFirst("^http", "ws");
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws + "/kiosk/ws?store=" + store
                + "&kiosk=" + kiosk + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), this).join();
    }

    /** Connects to the Touchpoint at {@code baseUrl} ({@code http://host:port}) as the kiosk's page. */
    public static KioskPage connect(String baseUrl, String store, String kiosk, String token) {
        return new KioskPage(baseUrl, store, kiosk, token);
    }

    /** Every message received so far, in order. */
    public List<JsonNode> received() {
        return received;
    }

    /** The messages of one {@code type} ({@code welcome}, {@code screen}, {@code ack}, ...) received so far. */
    public List<JsonNode> ofType(String type) {
        return received.stream().filter(m -> m.path("type").asText().equals(type)).toList();
    }

    /** Sends a message as the page does, e.g. {@code {"type":"displayed","deliveryId":"..."}}. */
    public void send(String json) {
        socket.sendText(json, true).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message;
            try {
                message = JSON.readTree(partial.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
            received.add(message);
            if (message.path("type").asText().equals("welcome")) {
                long every = Math.max(200, message.path("heartbeatMs").asLong(10_000) / 3);
                heartbeat.scheduleAtFixedRate(() -> webSocket.sendText("{\"type\":\"ping\"}", true), every, every,
                        TimeUnit.MILLISECONDS);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        socket.abort();
    }
}
