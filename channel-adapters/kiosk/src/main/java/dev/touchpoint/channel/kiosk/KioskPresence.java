package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A kiosk that is connected right now, as every app instance sees it (the {@link KioskDirectory}).
 *
 * @param storeId        the store
 * @param kioskId        the kiosk
 * @param zone           where in the store it stands (configured), or {@code null}
 * @param instanceId     the app instance holding its WebSocket
 * @param sessionId      the WebSocket session on that instance (a reconnect makes a new one)
 * @param connectedAt    when the session opened
 * @param lastSeenAt     when the instance last confirmed the session alive
 * @param lastActivityAt when a customer last touched the screen, or {@code null}
 * @param busyUntil      until when it shows a screen nobody acted on yet, or {@code null} when idle
 * @param screenCustomer the customer id of that screen, or {@code null}
 */
public record KioskPresence(String storeId, String kioskId, String zone, String instanceId, String sessionId,
                            Instant connectedAt, Instant lastSeenAt, Instant lastActivityAt, Instant busyUntil,
                            String screenCustomer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public KioskPresence {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(kioskId, "kioskId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    /** The directory key: {@code storeId/kioskId}. */
    public String key() {
        return key(storeId, kioskId);
    }

    public static String key(String storeId, String kioskId) {
        return storeId + "/" + kioskId;
    }

    /** Whether it shows an unanswered screen at {@code now}. */
    public boolean busyAt(Instant now) {
        return busyUntil != null && busyUntil.isAfter(now);
    }

    public KioskPresence seenAt(Instant at) {
        return new KioskPresence(storeId, kioskId, zone, instanceId, sessionId, connectedAt, at, lastActivityAt,
                busyUntil, screenCustomer);
    }

    public KioskPresence activeAt(Instant at) {
        return new KioskPresence(storeId, kioskId, zone, instanceId, sessionId, connectedAt, lastSeenAt, at,
                busyUntil, screenCustomer);
    }

    public KioskPresence showing(String customerId, Instant until) {
        return new KioskPresence(storeId, kioskId, zone, instanceId, sessionId, connectedAt, lastSeenAt,
                lastActivityAt, until, customerId);
    }

    public KioskPresence idle() {
        return new KioskPresence(storeId, kioskId, zone, instanceId, sessionId, connectedAt, lastSeenAt,
                lastActivityAt, null, null);
    }

    /** The JSON stored in Hazelcast (queryable by {@code storeId}; instants as epoch milliseconds). */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("storeId", storeId);
        node.put("kioskId", kioskId);
        node.put("zone", zone);
        node.put("instanceId", instanceId);
        node.put("sessionId", sessionId);
        node.put("connectedAt", connectedAt.toEpochMilli());
        node.put("lastSeenAt", lastSeenAt.toEpochMilli());
        putInstant(node, "lastActivityAt", lastActivityAt);
        putInstant(node, "busyUntil", busyUntil);
        node.put("screenCustomer", screenCustomer);
        return node.toString();
    }

    public static KioskPresence fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new KioskPresence(node.path("storeId").asText(), node.path("kioskId").asText(),
                    text(node, "zone"), node.path("instanceId").asText(), node.path("sessionId").asText(),
                    Instant.ofEpochMilli(node.path("connectedAt").asLong()),
                    Instant.ofEpochMilli(node.path("lastSeenAt").asLong()), instant(node, "lastActivityAt"),
                    instant(node, "busyUntil"), text(node, "screenCustomer"));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable kiosk presence", e);
        }
    }

    private static void putInstant(ObjectNode node, String name, Instant value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value.toEpochMilli());
        }
    }

    private static Instant instant(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isTextual() ? value.asText() : null;
    }
}
