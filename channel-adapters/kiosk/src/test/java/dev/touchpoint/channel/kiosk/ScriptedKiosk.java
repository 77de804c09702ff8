package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kiosk page played by the test: a {@link KioskConnection} attached straight to a hub (no WebSocket), answering
 * screens the way it is told to, on its own thread as a browser would.
 */
public final class ScriptedKiosk implements KioskConnection {

    /** How the page answers a screen. */
    public enum Mode {
        /** confirms display */
        ACK,
        /** says a customer is using it */
        BUSY,
        /** says nothing */
        SILENT
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService PAGE_THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-kiosk");
        thread.setDaemon(true);
        return thread;
    });

    private final String id = "scripted-" + UUID.randomUUID();
    private final KioskHub hub;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger displayed = new AtomicInteger();
    private volatile Mode mode;
    private volatile boolean closed;
    private volatile int closeCode;

    public ScriptedKiosk(KioskHub hub, Mode mode) {
        this.hub = hub;
        this.mode = mode;
    }

    /** Connects it to its hub as the given kiosk. */
    public ScriptedKiosk connect(String storeId, String kioskId) {
        hub.connected(this, storeId, kioskId);
        return this;
    }

    /** The page closes (tab closed, network gone). */
    public void leave() {
        closed = true;
        hub.disconnected(this);
    }

    public void answer(Mode mode) {
        this.mode = mode;
    }

    /** Plays a customer's tap on the screen's button, or the screen running out ({@code expired}). */
    public void tap(String deliveryId, String action) {
        String message = action == null ? "{\"type\":\"expired\",\"deliveryId\":\"" + deliveryId + "\"}"
                : "{\"type\":\"action\",\"deliveryId\":\"" + deliveryId + "\",\"action\":\"" + action + "\"}";
        hub.received(this, message);
    }

    public void say(String message) {
        hub.received(this, message);
    }

    /** How many screens it confirmed. */
    public int displayedCount() {
        return displayed.get();
    }

    public List<JsonNode> received() {
        return received;
    }

    /** The messages of one type, in order. */
    public List<JsonNode> received(String type) {
        return received.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    public int closeCode() {
        return closeCode;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean send(String text) {
        if (closed) {
            return false;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        received.add(message);
        if ("screen".equals(message.path("type").asText())) {
            String deliveryId = message.path("deliveryId").asText();
            Mode answer = mode;
            PAGE_THREADS.execute(() -> {
                if (answer == Mode.ACK) {
                    displayed.incrementAndGet();
                    hub.received(this, "{\"type\":\"displayed\",\"deliveryId\":\"" + deliveryId + "\"}");
                } else if (answer == Mode.BUSY) {
                    hub.received(this, "{\"type\":\"busy\",\"deliveryId\":\"" + deliveryId + "\"}");
                }
            });
        }
        return true;
    }

    @Override
    public void close(int code, String reason) {
        closed = true;
        closeCode = code;
    }
}
