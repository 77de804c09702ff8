package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.touchpoint.channel.KioskContent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends for kiosks connected to other app instances, and such sends from them: {@link KioskRouteMessage}s over the
 * {@link KioskRoute}, signed by the {@link RouteSigner}.
 *
 * <p>A routed send goes out as {@code deliver}; the instance holding the kiosk must confirm receipt within the route
 * timeout (else it is taken to be gone: {@link KioskHub.Result#INSTANCE_SILENT}) and later reports the outcome of its
 * own local delivery. An instance that refuses our signature answers {@code rejected} unsigned, which turns the send
 * into {@link KioskHub.Result#KEY_MISMATCH}. A {@code deliver} seen again (a replay) is ignored.
 */
final class KioskRelay {

    private static final Logger log = LoggerFactory.getLogger(KioskRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** How long a message stays valid (guards against replays of captured messages). */
    private static final Duration MESSAGE_LIFETIME = Duration.ofSeconds(90);
    /**
     * Routed deliveries are remembered while a replay of their message could still be accepted (its lifetime, plus a
     * margin for clock differences between instances), so a replay is recognised however many deliveries came since.
     * The size is only a memory bound, far above what the instances route in that time.
     */
    private static final Duration ROUTED_DELIVERIES_KEPT_FOR = MESSAGE_LIFETIME.plusSeconds(30);
    private static final int ROUTED_DELIVERIES_MAX = 100_000;

    private final String instanceId;
    private final KioskRoute route;
    private final RouteSigner signer;
    private final Duration routeTimeout;
    private final Clock clock;
    private final Function<KioskDelivery, CompletableFuture<KioskHub.Outcome>> localDelivery;
    private final BiConsumer<String, String> localDisconnect;
    private final ConcurrentHashMap<String, PendingRoute> pending = new ConcurrentHashMap<>();
    private final Cache<String, Boolean> routedDeliveries = Caffeine.newBuilder()
            .expireAfterWrite(ROUTED_DELIVERIES_KEPT_FOR)
            .maximumSize(ROUTED_DELIVERIES_MAX)
            .build();

    /**
     * @param localDelivery   puts a screen sent from another instance on a kiosk connected here
     * @param localDisconnect closes the connection of a kiosk connected here ({@code storeId}, {@code kioskId})
     */
    KioskRelay(String instanceId, KioskRoute route, RouteSigner signer, Duration routeTimeout, Clock clock,
               Function<KioskDelivery, CompletableFuture<KioskHub.Outcome>> localDelivery,
               BiConsumer<String, String> localDisconnect) {
        this.instanceId = instanceId;
        this.route = route;
        this.signer = signer;
        this.routeTimeout = routeTimeout;
        this.clock = clock;
        this.localDelivery = localDelivery;
        this.localDisconnect = localDisconnect;
    }

    /** Starts taking the messages addressed to this instance. */
    void start() {
        route.listen(instanceId, this::onMessage);
    }

    /**
     * Sends a screen to the instance holding the kiosk and waits for the outcome (at most the route timeout for
     * the receipt, then the ack timeout plus the route timeout).
     */
    KioskHub.Outcome deliver(String owner, KioskDelivery delivery) {
        PendingRoute waiting = new PendingRoute(delivery);
        pending.put(delivery.deliveryId(), waiting);
        try {
            send(owner, new KioskRouteMessage.Deliver(delivery.deliveryId(), instanceId, owner, expiry(),
                    delivery.storeId(), delivery.kioskId(), delivery.customerId(), delivery.idempotencyKey(),
                    delivery.ackTimeout().toMillis(), KioskProtocol.content(delivery.content())));
            try {
                waiting.received.get(routeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return waiting.outcome.get(delivery.ackTimeout().plus(routeTimeout).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("Kiosk {}/{}: instance {} did not answer; it may have gone", delivery.storeId(),
                        delivery.kioskId(), owner);
                return delivery.outcome(KioskHub.Result.INSTANCE_SILENT, clock.instant(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivery.outcome(KioskHub.Result.INSTANCE_SILENT, clock.instant(), null);
            } catch (ExecutionException e) {
                return delivery.outcome(KioskHub.Result.INSTANCE_SILENT, clock.instant(), null);
            }
        } finally {
            pending.remove(delivery.deliveryId());
        }
    }

    /** Asks the instance holding a kiosk to close its connection. */
    void disconnect(String owner, String storeId, String kioskId) {
        send(owner, new KioskRouteMessage.Disconnect(UUID.randomUUID().toString(), instanceId, owner, expiry(),
                storeId, kioskId));
    }

    /** Settles every send still waiting for another instance as {@link KioskHub.Result#INSTANCE_SILENT}. */
    void abandonPending() {
        pending.values().forEach(p -> p.fail(KioskHub.Result.INSTANCE_SILENT, clock.instant()));
    }

    /** Stops taking messages. */
    void close() {
        route.close();
    }

    private void onMessage(String envelope) {
        try {
            handle(envelope);
        } catch (RuntimeException e) {
            log.warn("Kiosk hub {}: a message from another instance could not be handled: {}", instanceId,
                    e.toString());
        }
    }

    private void handle(String envelope) {
        Optional<RouteSigner.Opened> opened = signer.open(envelope);
        if (opened.isEmpty()) {
            return;
        }
        KioskRouteMessage message;
        try {
            message = JSON.treeToValue(opened.get().body(), KioskRouteMessage.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.debug("Kiosk hub {}: ignored a route message it does not know: {}", instanceId, e.getMessage());
            return;
        }
        if (message == null) {
            return;
        }
        if (!opened.get().signed()) {
            unsigned(message, opened.get().keyId());
            return;
        }
        if (!instanceId.equals(message.to()) || message.exp() < clock.instant().toEpochMilli()) {
            return;
        }
        switch (message) {
            case KioskRouteMessage.Deliver deliver -> routedDeliver(deliver);
            case KioskRouteMessage.Received received -> {
                PendingRoute waiting = pending.get(received.id());
                if (waiting != null) {
                    waiting.received.complete(Boolean.TRUE);
                }
            }
            case KioskRouteMessage.Outcome outcome -> {
                PendingRoute waiting = pending.get(outcome.id());
                if (waiting != null) {
                    Duration retryAfter = outcome.retryAfterMs() == null ? null
                            : Duration.ofMillis(outcome.retryAfterMs());
                    waiting.received.complete(Boolean.TRUE);
                    waiting.outcome.complete(waiting.delivery.outcome(outcome.result(),
                            Instant.ofEpochMilli(outcome.at()), retryAfter));
                }
            }
            case KioskRouteMessage.Disconnect disconnect ->
                    localDisconnect.accept(disconnect.storeId(), disconnect.kioskId());
            case KioskRouteMessage.Rejected rejected ->
                    log.debug("Kiosk hub {}: ignored a signed rejection from {}", instanceId, rejected.from());
        }
    }

    /** A message whose signature is not under our key: only a refusal of ours, or a send to refuse. */
    private void unsigned(KioskRouteMessage message, String keyId) {
        if (message instanceof KioskRouteMessage.Rejected rejected) {
            PendingRoute waiting = pending.get(rejected.id());
            if (waiting != null && !keyId.equals(signer.keyId())) {
                log.error("Kiosk hub {}: instance {} refused our signature: its kiosk secret (key {}) differs "
                        + "from ours (key {})", instanceId, rejected.from(), keyId, signer.keyId());
                waiting.fail(KioskHub.Result.KEY_MISMATCH, clock.instant());
            }
        } else if (message instanceof KioskRouteMessage.Deliver deliver && deliver.from() != null
                && !deliver.from().isEmpty()) {
            log.error("Kiosk hub {}: refused a send from instance {} signed with another kiosk secret (key {}, "
                    + "ours {})", instanceId, deliver.from(), keyId, signer.keyId());
            route.send(deliver.from(), signer.unsigned(body(new KioskRouteMessage.Rejected(deliver.id(), instanceId,
                    deliver.from(), expiry()))));
        }
    }

    private void routedDeliver(KioskRouteMessage.Deliver message) {
        String id = message.id();
        String from = message.from();
        if (routedDeliveries.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
            return; // a replay
        }
        send(from, new KioskRouteMessage.Received(id, instanceId, from, expiry()));
        KioskDelivery delivery;
        try {
            KioskContent content = KioskProtocol.content(message.screen() == null
                    ? JSON.createObjectNode() : message.screen());
            delivery = new KioskDelivery(id, message.idempotencyKey(), message.customerId(), message.storeId(),
                    message.kioskId(), content, Duration.ofMillis(message.ackTimeoutMs()));
        } catch (IllegalArgumentException e) {
            log.warn("Kiosk hub {}: a routed screen from {} is not valid: {}", instanceId, from, e.getMessage());
            return;
        }
        localDelivery.apply(delivery).whenComplete((outcome, error) -> send(from, new KioskRouteMessage.Outcome(id,
                instanceId, from, expiry(), outcome == null ? KioskHub.Result.DISCONNECTED : outcome.result(),
                (outcome == null ? clock.instant() : outcome.at()).toEpochMilli(),
                outcome == null || outcome.retryAfter() == null ? null : outcome.retryAfter().toMillis())));
    }

    private void send(String to, KioskRouteMessage message) {
        route.send(to, signer.sign(body(message)));
    }

    private long expiry() {
        return clock.instant().plus(MESSAGE_LIFETIME).toEpochMilli();
    }

    private static ObjectNode body(KioskRouteMessage message) {
        return JSON.valueToTree(message);
    }

    /** A send to another instance, waiting for its receipt and its outcome. */
    private static final class PendingRoute {
        final KioskDelivery delivery;
        final CompletableFuture<Boolean> received = new CompletableFuture<>();
        final CompletableFuture<KioskHub.Outcome> outcome = new CompletableFuture<>();

        PendingRoute(KioskDelivery delivery) {
            this.delivery = delivery;
        }

        void fail(KioskHub.Result result, Instant at) {
            KioskHub.Outcome failed = delivery.outcome(result, at, null);
            received.complete(Boolean.TRUE);
            outcome.complete(failed);
        }
    }
}
