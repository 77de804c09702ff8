package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON messages between the hub and a kiosk page (one JSON object per WebSocket text message, {@code type}
 * first), and the JSON form of a screen that travels between instances.
 *
 * <p>Hub to page: {@code welcome} (ids and heartbeat interval), {@code screen} (a screen to show), {@code withdraw}
 * (take a screen down: its acknowledgement came too late), {@code pong}. Page to hub: {@code ping},
 * {@code displayed}, {@code busy} (a customer is using the current screen; try later), {@code action}
 * ({@code ACCEPT_OFFER}, {@code SEND_TO_PHONE}, {@code DISMISS}, or {@code ANSWER} with a {@code score} on a survey
 * screen), {@code expired} (its display time ran out) and
 * {@code activity} (someone touched the screen).
 */
public final class KioskProtocol {

    /** Longest delivery id a page may send back. */
    static final int MAX_ID_LENGTH = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    private KioskProtocol() {
    }

    /** What a page said; {@code score} only with the action ANSWER. */
    public record PageMessage(String type, String deliveryId, KioskAction action, Integer score) {

        public PageMessage(String type, String deliveryId, KioskAction action) {
            this(type, deliveryId, action, null);
        }
    }

    public static String welcome(String storeId, String kioskId, Duration heartbeat) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "welcome");
        node.put("storeId", storeId);
        node.put("kioskId", kioskId);
        node.put("heartbeatMs", heartbeat.toMillis());
        return node.toString();
    }

    public static String screen(String deliveryId, KioskContent content) {
        ObjectNode node = content(content);
        node.put("type", "screen");
        node.put("deliveryId", deliveryId);
        return node.toString();
    }

    public static String withdraw(String deliveryId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "withdraw");
        node.put("deliveryId", deliveryId);
        return node.toString();
    }

    /** The page's action on this screen is recorded: stop sending it. */
    public static String ack(String deliveryId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "ack");
        node.put("deliveryId", deliveryId);
        return node.toString();
    }

    /** The screen had ended before the page's action arrived: stop sending it. */
    public static String gone(String deliveryId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "gone");
        node.put("deliveryId", deliveryId);
        return node.toString();
    }

    /** The page's action on this screen could not be recorded: send it again after a pause. */
    public static String retry(String deliveryId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "retry");
        node.put("deliveryId", deliveryId);
        return node.toString();
    }

    public static String pong() {
        return "{\"type\":\"pong\"}";
    }

    /** A page message, or empty when it is not one we know (unknown types, missing ids, oversized ids). */
    public static Optional<PageMessage> parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String type = node.path("type").asText("");
        String deliveryId = node.path("deliveryId").isTextual() ? node.path("deliveryId").asText() : null;
        if (deliveryId != null && (deliveryId.isEmpty() || deliveryId.length() > MAX_ID_LENGTH)) {
            return Optional.empty();
        }
        return switch (type) {
            case "ping", "activity" -> Optional.of(new PageMessage(type, null, null));
            case "displayed", "busy", "expired" -> deliveryId == null ? Optional.empty()
                    : Optional.of(new PageMessage(type, deliveryId, null));
            case "action" -> {
                KioskAction action = action(node.path("action").asText(""));
                if (deliveryId == null || action == null) {
                    yield Optional.empty();
                }
                if (action == KioskAction.ANSWER) {
                    JsonNode score = node.path("score");
                    yield score.isInt() && score.asInt() >= 0 && score.asInt() <= 10
                            ? Optional.of(new PageMessage(type, deliveryId, action, score.asInt())) : Optional.empty();
                }
                yield Optional.of(new PageMessage(type, deliveryId, action));
            }
            default -> Optional.empty();
        };
    }

    /** A screen's fields as JSON (the page's {@code screen} message and the route's {@code deliver} message). */
    public static ObjectNode content(KioskContent content) {
        ObjectNode node = JSON.createObjectNode();
        node.put("html", content.html());
        node.put("text", content.text());
        node.put("headline", content.headline());
        node.put("offer", content.offer());
        node.put("callToAction", content.callToAction());
        node.put("lang", content.lang() == null ? "en" : content.lang());
        ArrayNode actions = node.putArray("actions");
        for (KioskAction action : KioskAction.values()) {
            if (content.actions().contains(action)) {
                actions.add(action.name());
            }
        }
        node.put("displayForMs", content.displayFor().toMillis());
        if (content.ackTimeout() != null) {
            node.put("ackTimeoutMs", content.ackTimeout().toMillis());
        }
        if (content.survey() != null) {
            ObjectNode survey = node.putObject("survey");
            survey.put("metric", content.survey().metric());
            survey.put("min", content.survey().min());
            survey.put("max", content.survey().max());
            survey.put("faces", content.survey().faces());
        }
        return node;
    }

    /** The screen of {@link #content}; its validation applies again. */
    public static KioskContent content(JsonNode node) {
        Set<KioskAction> actions = EnumSet.noneOf(KioskAction.class);
        for (JsonNode action : node.path("actions")) {
            KioskAction known = action(action.asText(""));
            if (known != null) {
                actions.add(known);
            }
        }
        return new KioskContent(node.path("html").asText(), node.path("text").asText(),
                Duration.ofMillis(node.path("displayForMs").asLong()), text(node, "headline"), text(node, "offer"),
                text(node, "callToAction"), text(node, "lang"), actions,
                node.path("ackTimeoutMs").isNumber() ? Duration.ofMillis(node.path("ackTimeoutMs").asLong()) : null,
                node.path("survey").isObject() ? new dev.touchpoint.channel.KioskSurvey(node.path("survey").path("metric").asText(),
                        node.path("survey").path("min").asInt(), node.path("survey").path("max").asInt(),
                        node.path("survey").path("faces").asBoolean()) : null);
    }

    private static KioskAction action(String name) {
        for (KioskAction action : KioskAction.values()) {
            if (action.name().equals(name)) {
                return action;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        return node.path(name).isTextual() ? node.path(name).asText() : null;
    }
}
