package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message between the hubs of two app instances, as the body of a {@link RouteSigner} envelope: a JSON object
 * whose {@code t} names the kind. Every message names its sender ({@code from}), its addressee ({@code to}) and when
 * it stops being valid ({@code exp}, epoch milliseconds: a captured message cannot be replayed later). Kinds:
 * {@code deliver} (put this screen on a kiosk connected to you), {@code received} (I have it), {@code outcome}
 * (what became of it), {@code disconnect} (close this kiosk's connection), {@code rejected} (unsigned: your
 * signature is not under my key).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
        @JsonSubTypes.Type(value = KioskRouteMessage.Deliver.class, name = "deliver"),
        @JsonSubTypes.Type(value = KioskRouteMessage.Received.class, name = "received"),
        @JsonSubTypes.Type(value = KioskRouteMessage.Outcome.class, name = "outcome"),
        @JsonSubTypes.Type(value = KioskRouteMessage.Disconnect.class, name = "disconnect"),
        @JsonSubTypes.Type(value = KioskRouteMessage.Rejected.class, name = "rejected")
})
sealed interface KioskRouteMessage {

    /** The delivery the message is about (a random id for {@code disconnect}). */
    String id();

    /** The sending instance. */
    String from();

    /** The instance it is for. */
    String to();

    /** Epoch milliseconds after which it is ignored. */
    long exp();

    /**
     * Put a screen on a kiosk connected to the addressee.
     *
     * @param screen the screen in the page's JSON form ({@link KioskProtocol#content(dev.touchpoint.channel.KioskContent)}),
     *               validated again on arrival
     */
    record Deliver(String id, String from, String to, long exp, String storeId, String kioskId, String customerId,
                   String idempotencyKey, long ackTimeoutMs, JsonNode screen) implements KioskRouteMessage {
    }

    /** The addressee took a {@code deliver}: the sender now waits for the outcome, not for a sign of life. */
    record Received(String id, String from, String to, long exp) implements KioskRouteMessage {
    }

    /**
     * What became of a routed screen.
     *
     * @param at           when it was known, epoch milliseconds
     * @param retryAfterMs for a busy kiosk, when to try again; else {@code null}
     */
    record Outcome(String id, String from, String to, long exp, KioskHub.Result result, long at, Long retryAfterMs)
            implements KioskRouteMessage {
    }

    /** Close the connection of a kiosk connected to the addressee (its page reconnects). */
    record Disconnect(String id, String from, String to, long exp, String storeId, String kioskId)
            implements KioskRouteMessage {
    }

    /** Sent unsigned: the addressee's {@code deliver} was signed under another key (the instances' secrets differ). */
    record Rejected(String id, String from, String to, long exp) implements KioskRouteMessage {
    }
}
