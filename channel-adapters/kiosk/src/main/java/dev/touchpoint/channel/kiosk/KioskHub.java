package dev.touchpoint.channel.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.channel.CustomerDataEraser;
import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskEvent;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.KioskScreenDismissed;
import dev.touchpoint.channel.KioskScreenDisplayed;
import dev.touchpoint.channel.KioskScreenExpired;
import dev.touchpoint.channel.KioskSendToPhoneRequested;
import dev.touchpoint.channel.KioskTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk hub of one app instance: it holds the WebSocket connections of the kiosks connected here, records them
 * in the shared {@link KioskDirectory}, puts screens on kiosks and waits for the page's acknowledgement, and passes
 * sends for kiosks connected to other instances over the {@link KioskRoute} (and answers such sends from them).
 *
 * <h2>A send</h2>
 * {@link #display} resolves the target (one kiosk, or the nearest in a store by {@link NearestKiosk}), then:
 * <ul>
 *   <li>connected here: the {@code screen} message goes out on the WebSocket and the call waits until the page
 *       reports {@code displayed}, reports {@code busy}, disconnects, or the ack timeout passes;</li>
 *   <li>connected to another instance: a signed {@code deliver} message goes to that instance, which must confirm
 *       receipt within the route timeout (else the instance is taken to be gone: RETRYABLE) and later reports the
 *       outcome of its own local delivery;</li>
 *   <li>an instance that no longer has the kiosk answers {@code OFFLINE}; the directory is asked once more, since
 *       the kiosk may just have reconnected elsewhere.</li>
 * </ul>
 * A kiosk shows one customer's screen at a time: a send for another customer while a screen is up and nobody acted
 * on it is refused as busy (with the time left as {@code retryAfter}); a send for the same customer replaces it.
 *
 * <h2>Liveness</h2>
 * Pages send a {@code ping} every heartbeat; every heartbeat the hub renews the directory entries of its live
 * sessions and closes sessions silent for longer than the presence TTL. Entries of an instance that dies lapse
 * after the TTL. A newer session of a kiosk (a reconnect, wherever it lands) replaces the older one, which is closed
 * with {@link KioskConnection#REPLACED}.
 *
 * <h2>Events</h2>
 * The instance holding a kiosk's connection publishes its {@link KioskEvent}s: displayed, offer accepted, send to
 * phone, dismissed, expired (display time over, replaced, or the kiosk went away while showing it).
 */
public final class KioskHub implements AutoCloseable, CustomerDataEraser {

    /**
     * Timing of the hub.
     *
     * @param heartbeat         how often pages ping and the hub renews presence
     * @param presenceTtl       how long a directory entry lives without renewal (and a silent page is kept)
     * @param routeTimeout      how long another instance may take to confirm a routed send
     * @param defaultAckTimeout how long a page may take to confirm display, when the content does not say
     */
    public record Settings(Duration heartbeat, Duration presenceTtl, Duration routeTimeout,
                           Duration defaultAckTimeout) {

        public Settings {
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(presenceTtl, "presenceTtl");
            Objects.requireNonNull(routeTimeout, "routeTimeout");
            Objects.requireNonNull(defaultAckTimeout, "defaultAckTimeout");
            if (presenceTtl.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("the presence TTL must be at least two heartbeats");
            }
        }
    }

    /** What became of a screen. */
    public enum Result {
        /** The page confirmed it shows the screen. */
        DISPLAYED,
        /** The kiosk shows another customer's screen, or a customer is using it. */
        BUSY,
        /** The page did not confirm in time. */
        NO_ACK,
        /** The kiosk disconnected before confirming. */
        DISCONNECTED,
        /** The kiosk is not connected (to the instance asked). */
        OFFLINE,
        /** The instance holding the kiosk did not answer. */
        INSTANCE_SILENT,
        /** The instance holding the kiosk refused our signature: the instances have different secrets. */
        KEY_MISMATCH
    }

    /**
     * The outcome of a send.
     *
     * @param result     what happened
     * @param kiosk      the kiosk it went to, {@code null} when none was found
     * @param deliveryId the screen's id (the receipt's provider message id)
     * @param at         when the outcome was known
     * @param retryAfter for {@link Result#BUSY}: when the kiosk is expected to be free, else {@code null}
     */
    public record Outcome(Result result, KioskTarget kiosk, String deliveryId, Instant at, Duration retryAfter) {
    }

    private static final Logger log = LoggerFactory.getLogger(KioskHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a {@code deliver} message stays valid (guards against replays of captured messages). */
    private static final Duration ROUTE_MESSAGE_LIFETIME = Duration.ofSeconds(90);
    /** Activity reports of a page are written to the directory at most this often. */
    private static final Duration ACTIVITY_WRITE_INTERVAL = Duration.ofSeconds(5);

    private final String instanceId;
    private final KioskDirectory directory;
    private final KioskRoute route;
    private final RouteSigner signer;
    private final Function<String, String> zones;
    private final Consumer<KioskEvent> events;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private final ConcurrentHashMap<String, Session> sessionsByKiosk = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Session> sessionsByConnection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PendingScreen> pendingLocal = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PendingRoute> pendingRemote = new ConcurrentHashMap<>();
    private final Map<String, Boolean> routedDeliveries = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };
    /** Screens finished lately, by kiosk and delivery: an action the page sends again is acknowledged, not lost. */
    private final Map<String, Boolean> finishedScreens = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    };
    /** Directory writes caused by pages run here, in order, so no WebSocket thread waits for the cluster. */
    private final ExecutorService directoryWriter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "kiosk-directory-writer");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> sweep;
    private volatile boolean closed;

    /**
     * @param instanceId this app instance's id (unique in the cluster)
     * @param directory  where connected kiosks are recorded
     * @param route      messages to other instances; {@code null} for an application that runs alone
     * @param signer     signs and checks those messages
     * @param zones      the configured zone of a kiosk key ({@code storeId/kioskId}), or {@code null}
     * @param events     receives every kiosk event (the Spring application event publisher)
     * @param scheduler  runs timeouts and the heartbeat sweep
     */
    public KioskHub(String instanceId, KioskDirectory directory, KioskRoute route, RouteSigner signer,
                    Function<String, String> zones, Consumer<KioskEvent> events, Settings settings, Clock clock,
                    ScheduledExecutorService scheduler) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.route = route;
        this.signer = Objects.requireNonNull(signer, "signer");
        this.zones = Objects.requireNonNull(zones, "zones");
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Starts listening for other instances and the heartbeat sweep. */
    public synchronized void start() {
        if (sweep != null) {
            return;
        }
        if (route != null) {
            route.listen(instanceId, this::onRoute);
        }
        long period = settings.heartbeat().toMillis();
        sweep = scheduler.scheduleAtFixedRate(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
        log.info("Kiosk hub {} started ({} directory{})", instanceId, directory.getClass().getSimpleName(),
                route == null ? ", single instance" : ", routing across instances");
    }

    /** Closes every kiosk connection of this instance (the pages reconnect elsewhere) and leaves the directory. */
    @Override
    public synchronized void close() {
        closed = true;
        if (sweep != null) {
            sweep.cancel(false);
        }
        for (Session session : List.copyOf(sessionsByConnection.values())) {
            session.connection.close(KioskConnection.GOING_AWAY, "instance shutting down");
            disconnected(session.connection);
        }
        pendingRemote.values().forEach(p -> p.fail(Result.INSTANCE_SILENT, clock.instant()));
        directoryWriter.shutdown();
        try {
            if (!directoryWriter.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Kiosk hub {}: the directory did not take the last changes in time", instanceId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (route != null) {
            route.close();
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** The kiosks connected to this instance. */
    public List<KioskTarget> localKiosks() {
        return sessionsByKiosk.values().stream().map(s -> KioskTarget.kiosk(s.storeId, s.kioskId)).toList();
    }

    // ------------------------------------------------------------------------------------------------ page side

    /** A kiosk page connected (its token was checked at the handshake). */
    public void connected(KioskConnection connection, String storeId, String kioskId) {
        Instant now = clock.instant();
        String key = KioskPresence.key(storeId, kioskId);
        Session session = new Session(connection, storeId, kioskId, zones.apply(key), now);
        sessionsByConnection.put(connection.id(), session);
        Session previous = sessionsByKiosk.put(key, session);
        KioskPresence presence = new KioskPresence(storeId, kioskId, session.zone, instanceId, connection.id(), now,
                now, null, null, null);
        write(() -> directory.register(presence));
        connection.send(KioskProtocol.welcome(storeId, kioskId, settings.heartbeat()));
        log.info("Kiosk {} connected to {} (session {})", key, instanceId, connection.id());
        if (previous != null && previous != session) {
            previous.connection.close(KioskConnection.REPLACED, "replaced by a newer connection");
            disconnected(previous.connection);
        }
    }

    /** A message from a kiosk page. */
    public void received(KioskConnection connection, String text) {
        Session session = sessionsByConnection.get(connection.id());
        if (session == null) {
            return;
        }
        Instant now = clock.instant();
        session.lastMessageAt = now;
        Optional<KioskProtocol.PageMessage> parsed = KioskProtocol.parse(text);
        if (parsed.isEmpty()) {
            log.debug("Kiosk {}: ignored a message it should not send", session.key());
            return;
        }
        KioskProtocol.PageMessage message = parsed.get();
        switch (message.type()) {
            case "ping" -> connection.send(KioskProtocol.pong());
            case "activity" -> activity(session, now);
            case "displayed" -> displayed(session, message.deliveryId(), now);
            case "busy" -> complete(session, message.deliveryId(), Result.BUSY, now);
            case "action" -> finish(session, message.deliveryId(), message.action(), message.score(), now);
            case "expired" -> finish(session, message.deliveryId(), null, null, now);
            default -> log.debug("Kiosk {}: ignored {}", session.key(), message.type());
        }
    }

    /** A kiosk page's connection closed. */
    public void disconnected(KioskConnection connection) {
        Session session = sessionsByConnection.remove(connection.id());
        if (session == null) {
            return;
        }
        sessionsByKiosk.remove(session.key(), session);
        write(() -> directory.unregister(session.storeId, session.kioskId, connection.id()));
        Instant now = clock.instant();
        for (PendingScreen pending : List.copyOf(pendingLocal.values())) {
            if (pending.session == session) {
                pending.complete(Result.DISCONNECTED, now, null);
            }
        }
        Screen shown;
        synchronized (session) {
            shown = session.shown;
            session.shown = null;
            session.incoming = null;
        }
        if (shown != null && !shown.finished) {
            publish(new KioskScreenExpired(shown.idempotencyKey, shown.customerId, shown.deliveryId,
                    session.storeId, session.kioskId, now));
        }
        log.info("Kiosk {} disconnected from {}", session.key(), instanceId);
    }

    /**
     * Closes a kiosk's connection, as a network loss would: its page reconnects after its backoff and presents its
     * token again (useful after changing a kiosk's token or the secret). A kiosk on another instance is closed
     * there.
     *
     * @return whether the kiosk was connected
     */
    public boolean disconnect(String storeId, String kioskId) {
        Session session = sessionsByKiosk.get(KioskPresence.key(storeId, kioskId));
        if (session != null) {
            session.connection.close(KioskConnection.RECONNECT, "reconnect");
            disconnected(session.connection);
            return true;
        }
        Optional<KioskPresence> elsewhere = directory.find(storeId, kioskId);
        if (elsewhere.isEmpty() || route == null || instanceId.equals(elsewhere.get().instanceId())) {
            return false;
        }
        ObjectNode body = routeBody("disconnect", UUID.randomUUID().toString(), elsewhere.get().instanceId());
        body.put("storeId", storeId);
        body.put("kioskId", kioskId);
        route.send(elsewhere.get().instanceId(), signer.sign(body));
        return true;
    }

    // ------------------------------------------------------------------------------------------------ send side

    /**
     * Puts a screen on a kiosk and waits for the outcome (at most the ack timeout plus, for a kiosk on another
     * instance, the route timeout).
     */
    public Outcome display(String idempotencyKey, String customerId, KioskTarget target, KioskContent content) {
        Duration ackTimeout = content.ackTimeout() != null ? content.ackTimeout() : settings.defaultAckTimeout();
        Outcome outcome = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<KioskPresence> presence = resolve(target, customerId);
            if (presence.isEmpty()) {
                return new Outcome(Result.OFFLINE, null, null, clock.instant(), null);
            }
            KioskPresence kiosk = presence.get();
            String deliveryId = kiosk.storeId() + "/" + kiosk.kioskId() + "/" + UUID.randomUUID();
            Delivery delivery = new Delivery(deliveryId, idempotencyKey, customerId, kiosk.storeId(),
                    kiosk.kioskId(), content, ackTimeout);
            outcome = instanceId.equals(kiosk.instanceId()) ? awaitLocal(delivery)
                    : awaitRemote(kiosk.instanceId(), delivery);
            if (outcome.result() != Result.OFFLINE) {
                return outcome;
            }
            log.debug("Kiosk {} was not on {} any more; asking the directory again", kiosk.key(),
                    kiosk.instanceId());
        }
        return outcome;
    }

    private Optional<KioskPresence> resolve(KioskTarget target, String customerId) {
        if (target.isSpecificKiosk()) {
            return directory.find(target.storeId(), target.kioskId());
        }
        return NearestKiosk.choose(directory.inStore(target.storeId()), customerId, target.zone(), clock.instant());
    }

    private Outcome awaitLocal(Delivery delivery) {
        CompletableFuture<Outcome> outcome = deliverLocally(delivery);
        try {
            return outcome.get(delivery.ackTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return delivery.outcome(Result.NO_ACK, clock.instant(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return delivery.outcome(Result.NO_ACK, clock.instant(), null);
        } catch (ExecutionException e) {
            return delivery.outcome(Result.DISCONNECTED, clock.instant(), null);
        }
    }

    /** Sends the screen to a kiosk connected here; the future completes with the page's answer or the timeout. */
    CompletableFuture<Outcome> deliverLocally(Delivery delivery) {
        Instant now = clock.instant();
        Session session = sessionsByKiosk.get(KioskPresence.key(delivery.storeId, delivery.kioskId));
        if (session == null || closed) {
            return CompletableFuture.completedFuture(delivery.outcome(Result.OFFLINE, now, null));
        }
        PendingScreen pending = new PendingScreen(delivery, session);
        synchronized (session) {
            // the screen up stays the kiosk's screen until the new one is confirmed (the page may refuse it)
            Screen shown = session.shown;
            if (shown != null && !shown.finished && shown.until.isAfter(now)
                    && !shown.customerId.equals(delivery.customerId)) {
                return CompletableFuture.completedFuture(delivery.outcome(Result.BUSY, now,
                        Duration.between(now, shown.until)));
            }
            Screen incoming = session.incoming;
            if (incoming != null && incoming.until.isAfter(now)
                    && !incoming.customerId.equals(delivery.customerId)) {
                return CompletableFuture.completedFuture(delivery.outcome(Result.BUSY, now,
                        Duration.between(now, incoming.until)));
            }
            session.incoming = new Screen(delivery.deliveryId, delivery.idempotencyKey, delivery.customerId,
                    now.plus(delivery.ackTimeout), delivery.content.survey());
            pendingLocal.put(delivery.deliveryId, pending);
        }
        // on timeout the page is told to take the screen down before the journey hears "not displayed"
        pending.timeout = scheduler.schedule(() -> pending.complete(Result.NO_ACK, clock.instant(), null,
                () -> session.connection.send(KioskProtocol.withdraw(delivery.deliveryId))),
                delivery.ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!session.connection.send(KioskProtocol.screen(delivery.deliveryId, delivery.content))) {
            pending.complete(Result.DISCONNECTED, clock.instant(), null);
        }
        return pending.future;
    }

    private Outcome awaitRemote(String owner, Delivery delivery) {
        if (route == null) {
            return delivery.outcome(Result.OFFLINE, clock.instant(), null);
        }
        PendingRoute pending = new PendingRoute(delivery);
        pendingRemote.put(delivery.deliveryId, pending);
        try {
            ObjectNode body = routeBody("deliver", delivery.deliveryId, owner);
            body.put("storeId", delivery.storeId);
            body.put("kioskId", delivery.kioskId);
            body.put("customerId", delivery.customerId);
            body.put("idempotencyKey", delivery.idempotencyKey);
            body.put("ackTimeoutMs", delivery.ackTimeout.toMillis());
            body.set("screen", KioskProtocol.content(delivery.content));
            route.send(owner, signer.sign(body));
            try {
                pending.received.get(settings.routeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                return pending.outcome.get(delivery.ackTimeout.plus(settings.routeTimeout()).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("Kiosk {}/{}: instance {} did not answer; it may have gone", delivery.storeId,
                        delivery.kioskId, owner);
                return delivery.outcome(Result.INSTANCE_SILENT, clock.instant(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivery.outcome(Result.INSTANCE_SILENT, clock.instant(), null);
            } catch (ExecutionException e) {
                return delivery.outcome(Result.INSTANCE_SILENT, clock.instant(), null);
            }
        } finally {
            pendingRemote.remove(delivery.deliveryId);
        }
    }

    // ------------------------------------------------------------------------------------------------ routing

    private void onRoute(String envelope) {
        try {
            handleRoute(envelope);
        } catch (RuntimeException e) {
            log.warn("Kiosk hub {}: a message from another instance could not be handled: {}", instanceId,
                    e.toString());
        }
    }

    private void handleRoute(String envelope) {
        Optional<RouteSigner.Opened> opened = signer.open(envelope);
        if (opened.isEmpty()) {
            return;
        }
        JsonNode body = opened.get().body();
        String type = body.path("t").asText("");
        String id = body.path("id").asText("");
        String from = body.path("from").asText("");
        if (!opened.get().signed()) {
            if ("rejected".equals(type)) {
                PendingRoute pending = pendingRemote.get(id);
                if (pending != null && !opened.get().keyId().equals(signer.keyId())) {
                    log.error("Kiosk hub {}: instance {} refused our signature: its kiosk secret (key {}) differs "
                            + "from ours (key {})", instanceId, from, opened.get().keyId(), signer.keyId());
                    pending.fail(Result.KEY_MISMATCH, clock.instant());
                }
            } else if ("deliver".equals(type) && !from.isEmpty()) {
                log.error("Kiosk hub {}: refused a send from instance {} signed with another kiosk secret (key {}, "
                        + "ours {})", instanceId, from, opened.get().keyId(), signer.keyId());
                ObjectNode rejected = routeBody("rejected", id, from);
                route.send(from, signer.unsigned(rejected));
            }
            return;
        }
        if (!instanceId.equals(body.path("to").asText())
                || body.path("exp").asLong() < clock.instant().toEpochMilli()) {
            return;
        }
        switch (type) {
            case "deliver" -> routedDeliver(body, id, from);
            case "received" -> {
                PendingRoute pending = pendingRemote.get(id);
                if (pending != null) {
                    pending.received.complete(Boolean.TRUE);
                }
            }
            case "outcome" -> {
                PendingRoute pending = pendingRemote.get(id);
                if (pending != null) {
                    Result result = Result.valueOf(body.path("result").asText());
                    Duration retryAfter = body.path("retryAfterMs").isNumber()
                            ? Duration.ofMillis(body.path("retryAfterMs").asLong()) : null;
                    pending.received.complete(Boolean.TRUE);
                    pending.outcome.complete(pending.delivery.outcome(result,
                            Instant.ofEpochMilli(body.path("at").asLong()), retryAfter));
                }
            }
            case "disconnect" -> {
                Session session = sessionsByKiosk.get(KioskPresence.key(body.path("storeId").asText(),
                        body.path("kioskId").asText()));
                if (session != null) {
                    session.connection.close(KioskConnection.RECONNECT, "reconnect");
                    disconnected(session.connection);
                }
            }
            default -> log.debug("Kiosk hub {}: ignored route message {}", instanceId, type);
        }
    }

    private void routedDeliver(JsonNode body, String id, String from) {
        synchronized (routedDeliveries) {
            if (routedDeliveries.put(id, Boolean.TRUE) != null) {
                return; // a replay
            }
        }
        route.send(from, signer.sign(routeBody("received", id, from)));
        Delivery delivery;
        try {
            delivery = new Delivery(id, body.path("idempotencyKey").asText(), body.path("customerId").asText(),
                    body.path("storeId").asText(), body.path("kioskId").asText(),
                    KioskProtocol.content(body.path("screen")),
                    Duration.ofMillis(body.path("ackTimeoutMs").asLong()));
        } catch (IllegalArgumentException e) {
            log.warn("Kiosk hub {}: a routed screen from {} is not valid: {}", instanceId, from, e.getMessage());
            return;
        }
        deliverLocally(delivery).whenComplete((outcome, error) -> {
            ObjectNode answer = routeBody("outcome", id, from);
            answer.put("result", (outcome == null ? Result.DISCONNECTED : outcome.result()).name());
            answer.put("at", (outcome == null ? clock.instant() : outcome.at()).toEpochMilli());
            if (outcome != null && outcome.retryAfter() != null) {
                answer.put("retryAfterMs", outcome.retryAfter().toMillis());
            }
            route.send(from, signer.sign(answer));
        });
    }

    private ObjectNode routeBody(String type, String id, String to) {
        ObjectNode body = JSON.createObjectNode();
        body.put("t", type);
        body.put("id", id);
        body.put("from", instanceId);
        body.put("to", to);
        body.put("exp", clock.instant().plus(ROUTE_MESSAGE_LIFETIME).toEpochMilli());
        return body;
    }

    // ------------------------------------------------------------------------------------------------ page events

    private void displayed(Session session, String deliveryId, Instant now) {
        PendingScreen pending = pendingLocal.get(deliveryId);
        if (pending == null || pending.session != session) {
            return;
        }
        Screen screen;
        synchronized (session) {
            screen = session.incoming;
            if (screen == null || !screen.deliveryId.equals(deliveryId)) {
                return;
            }
        }
        pending.complete(Result.DISPLAYED, now, null, () -> {
            Instant until = now.plus(pending.delivery.content.displayFor());
            Screen replaced;
            synchronized (session) {
                replaced = session.shown;
                screen.until = until;
                session.shown = screen;
                if (session.incoming == screen) {
                    session.incoming = null;
                }
                if (replaced != null && !replaced.finished) {
                    replaced.finished = true;
                } else {
                    replaced = null;
                }
            }
            if (replaced != null) {
                publish(new KioskScreenExpired(replaced.idempotencyKey, replaced.customerId, replaced.deliveryId,
                        session.storeId, session.kioskId, now));
            }
            write(() -> directory.update(session.storeId, session.kioskId, session.connection.id(),
                    p -> p.showing(screen.customerId, until)));
            publish(new KioskScreenDisplayed(screen.idempotencyKey, screen.customerId, deliveryId, session.storeId,
                    session.kioskId, now));
        });
    }

    private void complete(Session session, String deliveryId, Result result, Instant now) {
        PendingScreen pending = pendingLocal.get(deliveryId);
        if (pending != null && pending.session == session) {
            pending.complete(result, now, settings.heartbeat());
        }
    }

    @Override
    public String name() {
        return "kiosk-screens";
    }

    /**
     * The customer was erased: their screens on this instance's kiosks are taken down (no event: nobody is left to
     * report to), and every kiosk directory entry that names them as the customer on screen is cleared.
     */
    @Override
    public int eraseCustomer(String customerId, java.util.Set<String> addresses) {
        int erased = 0;
        for (Session session : List.copyOf(sessionsByConnection.values())) {
            Screen screen;
            synchronized (session) {
                screen = session.shown;
                if (screen == null || !customerId.equals(screen.customerId)) {
                    continue;
                }
                screen.finished = true;
                session.shown = null;
            }
            session.connection.send(KioskProtocol.withdraw(screen.deliveryId));
            erased++;
        }
        for (KioskPresence presence : directory.all()) {
            if (customerId.equals(presence.screenCustomer())) {
                directory.update(presence.storeId(), presence.kioskId(), presence.sessionId(), KioskPresence::idle);
                erased++;
            }
        }
        return erased;
    }

    /**
     * A customer action ({@code action} not null) or the page's {@code expired}. The screen counts as finished only
     * once every listener of its event returned (the journey's event and the evidence are durable): a listener's
     * failure leaves the screen shown, the page is asked to send the action again ({@code retry}) and an expiry is
     * retried by the heartbeat sweep. The page gets {@code ack} for a finished action, also when it sends it again
     * because an earlier acknowledgement was lost.
     */
    private void finish(Session session, String deliveryId, KioskAction action, Integer score, Instant now) {
        Screen screen;
        synchronized (session) {
            screen = session.shown;
            if (screen == null || !screen.deliveryId.equals(deliveryId)) {
                screen = null;
            } else if (screen.finished || screen.finishing) {
                return;
            } else if (action == KioskAction.ANSWER && (screen.survey == null || score == null || !screen.survey.contains(score))) {
                // not a survey screen, or a score off its scale: a page that should not send it; the screen stays up
                log.warn("Kiosk {}: an answer {} on screen {} that has no such score; ignored", session.key(), score, deliveryId);
                return;
            } else {
                screen.finishing = true;
            }
        }
        if (screen == null) {
            if (action != null) {
                if (finishedRecently(session.key(), deliveryId)) {
                    session.connection.send(KioskProtocol.ack(deliveryId));
                } else {
                    // the screen ended before the action arrived (it expired, or the connection dropped mid-tap)
                    log.warn("Kiosk {}: {} on screen {} arrived after the screen had ended; not recorded", session.key(),
                            action, deliveryId);
                    session.connection.send(KioskProtocol.gone(deliveryId));
                }
            }
            return;
        }
        String s = session.storeId;
        String k = session.kioskId;
        KioskEvent event = action == null ? new KioskScreenExpired(screen.idempotencyKey, screen.customerId, deliveryId, s, k, now)
                : switch (action) {
                    case ACCEPT_OFFER -> new KioskOfferAccepted(screen.idempotencyKey, screen.customerId, deliveryId,
                            s, k, now);
                    case SEND_TO_PHONE -> new KioskSendToPhoneRequested(screen.idempotencyKey, screen.customerId,
                            deliveryId, s, k, now);
                    case DISMISS -> new KioskScreenDismissed(screen.idempotencyKey, screen.customerId, deliveryId, s,
                            k, now);
                    case ANSWER -> new dev.touchpoint.channel.KioskSurveyAnswered(screen.idempotencyKey,
                            screen.customerId, deliveryId, s, k, score, now);
                };
        try {
            publishOrThrow(event);
        } catch (RuntimeException e) {
            synchronized (session) {
                screen.finishing = false;
            }
            log.error("Kiosk {}: {} for customer {} could NOT be recorded ({}); the screen stays open and the {} retries",
                    session.key(), event.getClass().getSimpleName(), screen.customerId, e.toString(),
                    action == null ? "heartbeat sweep" : "page");
            if (action != null) {
                session.connection.send(KioskProtocol.retry(deliveryId));
            }
            return;
        }
        synchronized (session) {
            screen.finishing = false;
            screen.finished = true;
            if (session.shown == screen) {
                session.shown = null;
            }
            if (action != null) {
                session.lastActivityAt = now;
            }
        }
        rememberFinished(session.key(), deliveryId);
        if (action != null) {
            session.connection.send(KioskProtocol.ack(deliveryId));
        }
        write(() -> directory.update(session.storeId, session.kioskId, session.connection.id(),
                p -> action == null ? p.idle() : p.idle().activeAt(now)));
    }

    private boolean finishedRecently(String kioskKey, String deliveryId) {
        synchronized (finishedScreens) {
            return finishedScreens.containsKey(kioskKey + "/" + deliveryId);
        }
    }

    private void rememberFinished(String kioskKey, String deliveryId) {
        synchronized (finishedScreens) {
            finishedScreens.put(kioskKey + "/" + deliveryId, Boolean.TRUE);
        }
    }

    private void activity(Session session, Instant now) {
        Instant last = session.lastActivityWrite;
        session.lastActivityAt = now;
        if (last == null || !last.plus(ACTIVITY_WRITE_INTERVAL).isAfter(now)) {
            session.lastActivityWrite = now;
            write(() -> directory.update(session.storeId, session.kioskId, session.connection.id(),
                    p -> p.activeAt(now)));
        }
    }

    /** A directory change, off the caller's thread (a WebSocket or Hazelcast event thread must not block). */
    private void write(Runnable change) {
        try {
            directoryWriter.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    log.warn("Kiosk hub {}: the kiosk directory did not take a change: {}", instanceId,
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Kiosk hub {} is closed; directory change dropped", instanceId);
        }
    }

    /** Publishes an event whose listeners' failure must reach the caller (a customer's action, an expiry). */
    private void publishOrThrow(KioskEvent event) {
        log.info("Kiosk {}/{}: {} customer={} idempotencyKey={}", event.storeId(), event.kioskId(),
                event.getClass().getSimpleName(), event.customerId(), event.idempotencyKey());
        events.accept(event);
    }

    private void publish(KioskEvent event) {
        log.info("Kiosk {}/{}: {} customer={} idempotencyKey={}", event.storeId(), event.kioskId(),
                event.getClass().getSimpleName(), event.customerId(), event.idempotencyKey());
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            log.error("Kiosk event {} for customer {} failed in a listener", event.getClass().getSimpleName(),
                    event.customerId(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ heartbeat

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Kiosk hub {}: heartbeat sweep failed: {}", instanceId, e.toString());
        }
    }

    /** Renews the presence of live sessions, closes silent ones, ends screens whose time ran out. */
    void sweep() {
        Instant now = clock.instant();
        for (Session session : List.copyOf(sessionsByConnection.values())) {
            if (session.lastMessageAt.plus(settings.presenceTtl()).isBefore(now)) {
                log.info("Kiosk {} sent no heartbeat for {}; closing its connection", session.key(),
                        settings.presenceTtl());
                session.connection.close(KioskConnection.SILENT, "no heartbeat");
                disconnected(session.connection);
                continue;
            }
            Screen overdue = null;
            synchronized (session) {
                Screen screen = session.shown;
                if (screen != null && !screen.finished && !screen.until.isAfter(now)) {
                    overdue = screen;
                }
            }
            if (overdue != null) {
                finish(session, overdue.deliveryId, null, null, now);
            }
            boolean owned = directory.update(session.storeId, session.kioskId, session.connection.id(),
                    p -> p.seenAt(now));
            if (!owned) {
                Optional<KioskPresence> current = directory.find(session.storeId, session.kioskId);
                if (current.isPresent()) {
                    log.info("Kiosk {} reconnected elsewhere (session {} on {}); closing the old connection",
                            session.key(), current.get().sessionId(), current.get().instanceId());
                    session.connection.close(KioskConnection.REPLACED, "replaced by a newer connection");
                    disconnected(session.connection);
                } else {
                    // the entry lapsed (the directory was unreachable for a while): register again
                    directory.register(new KioskPresence(session.storeId, session.kioskId, session.zone,
                            instanceId, session.connection.id(), session.connectedAt, now, session.lastActivityAt,
                            null, null));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ state

    /** One screen to put on one kiosk. */
    record Delivery(String deliveryId, String idempotencyKey, String customerId, String storeId, String kioskId,
                    KioskContent content, Duration ackTimeout) {

        Outcome outcome(Result result, Instant at, Duration retryAfter) {
            return new Outcome(result, KioskTarget.kiosk(storeId, kioskId), deliveryId, at, retryAfter);
        }
    }

    private static final class Session {
        final KioskConnection connection;
        final String storeId;
        final String kioskId;
        final String zone;
        final Instant connectedAt;
        volatile Instant lastMessageAt;
        volatile Instant lastActivityAt;
        volatile Instant lastActivityWrite;
        /** The screen the kiosk confirmed and shows; guarded by the session. */
        Screen shown;
        /** A screen sent and awaiting its confirmation; guarded by the session. */
        Screen incoming;

        Session(KioskConnection connection, String storeId, String kioskId, String zone, Instant now) {
            this.connection = connection;
            this.storeId = storeId;
            this.kioskId = kioskId;
            this.zone = zone;
            this.connectedAt = now;
            this.lastMessageAt = now;
        }

        String key() {
            return KioskPresence.key(storeId, kioskId);
        }
    }

    private static final class Screen {
        final String deliveryId;
        final String idempotencyKey;
        final String customerId;
        /** The answer scale when the screen is a survey, else null: an ANSWER must be on it. */
        final dev.touchpoint.channel.KioskSurvey survey;
        Instant until;
        boolean finished;
        /** Its event is being published: a second action or expiry waits for the outcome. */
        boolean finishing;

        Screen(String deliveryId, String idempotencyKey, String customerId, Instant until,
               dev.touchpoint.channel.KioskSurvey survey) {
            this.deliveryId = deliveryId;
            this.idempotencyKey = idempotencyKey;
            this.customerId = customerId;
            this.until = until;
            this.survey = survey;
        }
    }

    private final class PendingScreen {
        final Delivery delivery;
        final Session session;
        final CompletableFuture<Outcome> future = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        PendingScreen(Delivery delivery, Session session) {
            this.delivery = delivery;
            this.session = session;
        }

        /** Settles once; returns whether this call did. */
        boolean complete(Result result, Instant at, Duration retryAfter) {
            return complete(result, at, retryAfter, () -> { });
        }

        /**
         * Settles once, running {@code first} before the waiting sender learns the outcome (so the page is told to
         * withdraw, or the display event is out, before the journey moves on).
         */
        boolean complete(Result result, Instant at, Duration retryAfter, Runnable first) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            pendingLocal.remove(delivery.deliveryId, this);
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (result != Result.DISPLAYED) {
                synchronized (session) {
                    if (session.incoming != null && session.incoming.deliveryId.equals(delivery.deliveryId)) {
                        session.incoming = null;
                    }
                }
            }
            try {
                first.run();
            } finally {
                future.complete(delivery.outcome(result, at, retryAfter));
            }
            return true;
        }
    }

    private static final class PendingRoute {
        final Delivery delivery;
        final CompletableFuture<Boolean> received = new CompletableFuture<>();
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        PendingRoute(Delivery delivery) {
            this.delivery = delivery;
        }

        void fail(Result result, Instant at) {
            Outcome failed = delivery.outcome(result, at, null);
            received.complete(Boolean.TRUE);
            outcome.complete(failed);
        }
    }
}
