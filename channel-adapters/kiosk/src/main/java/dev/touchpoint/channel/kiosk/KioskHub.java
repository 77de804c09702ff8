package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.CustomerDataEraser;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskEvent;
import dev.touchpoint.channel.KioskTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <h2>Parts</h2>
 * The hub is the facade of the channel; each seam of its work lives in a class of its own: {@link KioskSessions}
 * (the pages connected here), {@link KioskAcknowledgements} (screens waiting for the page to confirm them),
 * {@link KioskRelay} (sends to and from other instances, as {@link KioskRouteMessage}s), {@link KioskEvents} (what
 * the hub reports, and the durable end of a screen) and {@link KioskDirectoryWriter} (directory changes off the
 * caller's thread). The hub resolves targets, dispatches the page's messages and runs the heartbeat sweep.
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
    /** Activity reports of a page are written to the directory at most this often. */
    private static final Duration ACTIVITY_WRITE_INTERVAL = Duration.ofSeconds(5);

    private final String instanceId;
    private final KioskDirectory directory;
    private final Function<String, String> zones;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    private final KioskSessions sessions = new KioskSessions();
    private final KioskDirectoryWriter directoryWriter;
    private final KioskEvents events;
    private final KioskAcknowledgements acknowledgements;
    /** Sends across instances; {@code null} when the application runs alone. */
    private final KioskRelay relay;
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
        Objects.requireNonNull(signer, "signer");
        this.zones = Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.directoryWriter = new KioskDirectoryWriter(instanceId, directory);
        this.events = new KioskEvents(events, directoryWriter);
        this.acknowledgements = new KioskAcknowledgements(this.events, directoryWriter, settings.heartbeat(), clock,
                scheduler);
        this.relay = route == null ? null : new KioskRelay(instanceId, route, signer, settings.routeTimeout(), clock,
                this::deliverLocally, this::closeLocal);
    }

    /** Starts listening for other instances and the heartbeat sweep. */
    public synchronized void start() {
        if (sweep != null) {
            return;
        }
        if (relay != null) {
            relay.start();
        }
        long period = settings.heartbeat().toMillis();
        sweep = scheduler.scheduleAtFixedRate(this::sweepSafely, period, period, TimeUnit.MILLISECONDS);
        log.info("Kiosk hub {} started ({} directory{})", instanceId, directory.getClass().getSimpleName(),
                relay == null ? ", single instance" : ", routing across instances");
    }

    /** Closes every kiosk connection of this instance (the pages reconnect elsewhere) and leaves the directory. */
    @Override
    public synchronized void close() {
        closed = true;
        if (sweep != null) {
            sweep.cancel(false);
        }
        for (KioskSession session : sessions.all()) {
            session.connection.close(KioskConnection.GOING_AWAY, "instance shutting down");
            disconnected(session.connection);
        }
        if (relay != null) {
            relay.abandonPending();
        }
        directoryWriter.close();
        if (relay != null) {
            relay.close();
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** The kiosks connected to this instance. */
    public List<KioskTarget> localKiosks() {
        return sessions.kiosks();
    }

    // ------------------------------------------------------------------------------------------------ page side

    /** A kiosk page connected (its token was checked at the handshake). */
    public void connected(KioskConnection connection, String storeId, String kioskId) {
        Instant now = clock.instant();
        KioskSession session = new KioskSession(connection, storeId, kioskId,
                zones.apply(KioskPresence.key(storeId, kioskId)), now);
        KioskSession previous = sessions.open(session);
        directoryWriter.register(new KioskPresence(storeId, kioskId, session.zone, instanceId, connection.id(), now,
                now, null, null, null));
        connection.send(KioskProtocol.welcome(storeId, kioskId, settings.heartbeat()));
        log.info("Kiosk {} connected to {} (session {})", session.key(), instanceId, connection.id());
        if (previous != null) {
            previous.connection.close(KioskConnection.REPLACED, "replaced by a newer connection");
            disconnected(previous.connection);
        }
    }

    /** A message from a kiosk page. */
    public void received(KioskConnection connection, String text) {
        KioskSession session = sessions.ofConnection(connection.id());
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
            case "displayed" -> acknowledgements.displayed(session, message.deliveryId(), now);
            case "busy" -> acknowledgements.busy(session, message.deliveryId(), now);
            case "action" -> events.finish(session, message.deliveryId(), message.action(), message.score(), now);
            case "expired" -> events.finish(session, message.deliveryId(), null, null, now);
            default -> log.debug("Kiosk {}: ignored {}", session.key(), message.type());
        }
    }

    /** A kiosk page's connection closed. */
    public void disconnected(KioskConnection connection) {
        KioskSession session = sessions.close(connection.id());
        if (session == null) {
            return;
        }
        directoryWriter.unregister(session);
        Instant now = clock.instant();
        acknowledgements.disconnected(session, now);
        KioskSession.Screen shown;
        synchronized (session) {
            shown = session.shown;
            session.shown = null;
            session.incoming = null;
        }
        if (shown != null && !shown.finished) {
            events.expired(session, shown, now);
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
        if (closeLocal(storeId, kioskId)) {
            return true;
        }
        Optional<KioskPresence> elsewhere = directory.find(storeId, kioskId);
        if (elsewhere.isEmpty() || relay == null || instanceId.equals(elsewhere.get().instanceId())) {
            return false;
        }
        relay.disconnect(elsewhere.get().instanceId(), storeId, kioskId);
        return true;
    }

    /** Closes the connection of a kiosk connected here; returns whether it was. */
    private boolean closeLocal(String storeId, String kioskId) {
        KioskSession session = sessions.ofKiosk(storeId, kioskId);
        if (session == null) {
            return false;
        }
        session.connection.close(KioskConnection.RECONNECT, "reconnect");
        disconnected(session.connection);
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
            KioskDelivery delivery = new KioskDelivery(deliveryId, idempotencyKey, customerId, kiosk.storeId(),
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

    private Outcome awaitLocal(KioskDelivery delivery) {
        CompletableFuture<Outcome> outcome = deliverLocally(delivery);
        try {
            return outcome.get(delivery.ackTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
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
    CompletableFuture<Outcome> deliverLocally(KioskDelivery delivery) {
        KioskSession session = sessions.ofKiosk(delivery.storeId(), delivery.kioskId());
        if (session == null || closed) {
            return CompletableFuture.completedFuture(delivery.outcome(Result.OFFLINE, clock.instant(), null));
        }
        return acknowledgements.send(session, delivery);
    }

    private Outcome awaitRemote(String owner, KioskDelivery delivery) {
        if (relay == null) {
            return delivery.outcome(Result.OFFLINE, clock.instant(), null);
        }
        return relay.deliver(owner, delivery);
    }

    private void activity(KioskSession session, Instant now) {
        Instant last = session.lastActivityWrite;
        session.lastActivityAt = now;
        if (last == null || !last.plus(ACTIVITY_WRITE_INTERVAL).isAfter(now)) {
            session.lastActivityWrite = now;
            directoryWriter.update(session, p -> p.activeAt(now));
        }
    }

    // ------------------------------------------------------------------------------------------------ erasure

    @Override
    public String name() {
        return "kiosk-screens";
    }

    /**
     * The customer was erased: their screens on this instance's kiosks are taken down (no event: nobody is left to
     * report to), and every kiosk directory entry that names them as the customer on screen is cleared.
     */
    @Override
    public int eraseCustomer(String customerId, Set<String> addresses) {
        int erased = 0;
        for (KioskSession session : sessions.all()) {
            KioskSession.Screen screen;
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
        for (KioskSession session : sessions.all()) {
            if (session.lastMessageAt.plus(settings.presenceTtl()).isBefore(now)) {
                log.info("Kiosk {} sent no heartbeat for {}; closing its connection", session.key(),
                        settings.presenceTtl());
                session.connection.close(KioskConnection.SILENT, "no heartbeat");
                disconnected(session.connection);
                continue;
            }
            KioskSession.Screen overdue = null;
            synchronized (session) {
                KioskSession.Screen screen = session.shown;
                if (screen != null && !screen.finished && !screen.until.isAfter(now)) {
                    overdue = screen;
                }
            }
            if (overdue != null) {
                events.finish(session, overdue.deliveryId, null, null, now);
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
}
