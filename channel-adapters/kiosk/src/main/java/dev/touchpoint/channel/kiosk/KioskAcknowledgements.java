package dev.touchpoint.channel.kiosk;

import dev.touchpoint.channel.KioskScreenDisplayed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Screens sent to kiosks connected here that wait for the page to confirm them: each send settles once, with the
 * page's {@code displayed} or {@code busy}, the session's end, or the ack timeout (the page is then told to
 * withdraw the screen before the sender learns it was not displayed).
 *
 * <p>A kiosk shows one customer's screen at a time: a send for another customer while a screen is up (or on its way)
 * and nobody acted on it is refused as busy, with the time left as {@code retryAfter}; a send for the same customer
 * replaces it.
 */
final class KioskAcknowledgements {

    private final KioskEvents events;
    private final KioskDirectoryWriter directory;
    /** The {@code retryAfter} of a page's {@code busy}: try again after a heartbeat. */
    private final Duration busyRetry;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    KioskAcknowledgements(KioskEvents events, KioskDirectoryWriter directory, Duration busyRetry, Clock clock,
                          ScheduledExecutorService scheduler) {
        this.events = events;
        this.directory = directory;
        this.busyRetry = busyRetry;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Sends the screen to the session's page; the future completes with the page's answer or the timeout. */
    CompletableFuture<KioskHub.Outcome> send(KioskSession session, KioskDelivery delivery) {
        Instant now = clock.instant();
        Pending waiting = new Pending(delivery, session);
        synchronized (session) {
            // the screen up stays the kiosk's screen until the new one is confirmed (the page may refuse it)
            KioskSession.Screen shown = session.shown;
            if (shown != null && !shown.finished && shown.until.isAfter(now)
                    && !shown.customerId.equals(delivery.customerId())) {
                return CompletableFuture.completedFuture(delivery.outcome(KioskHub.Result.BUSY, now,
                        Duration.between(now, shown.until)));
            }
            KioskSession.Screen incoming = session.incoming;
            if (incoming != null && incoming.until.isAfter(now)
                    && !incoming.customerId.equals(delivery.customerId())) {
                return CompletableFuture.completedFuture(delivery.outcome(KioskHub.Result.BUSY, now,
                        Duration.between(now, incoming.until)));
            }
            session.incoming = new KioskSession.Screen(delivery.deliveryId(), delivery.idempotencyKey(),
                    delivery.customerId(), now.plus(delivery.ackTimeout()), delivery.content().survey());
            pending.put(delivery.deliveryId(), waiting);
        }
        // on timeout the page is told to take the screen down before the journey hears "not displayed"
        waiting.timeout = scheduler.schedule(() -> waiting.complete(KioskHub.Result.NO_ACK, clock.instant(), null,
                () -> session.connection.send(KioskProtocol.withdraw(delivery.deliveryId()))),
                delivery.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!session.connection.send(KioskProtocol.screen(delivery.deliveryId(), delivery.content()))) {
            waiting.complete(KioskHub.Result.DISCONNECTED, clock.instant(), null);
        }
        return waiting.future;
    }

    /**
     * The page confirmed a screen: it becomes the kiosk's screen (one it replaces expires), the directory shows the
     * kiosk busy until its display time is over, and {@link KioskScreenDisplayed} is out before the sender learns.
     */
    void displayed(KioskSession session, String deliveryId, Instant now) {
        Pending waiting = pending.get(deliveryId);
        if (waiting == null || waiting.session != session) {
            return;
        }
        KioskSession.Screen screen;
        synchronized (session) {
            screen = session.incoming;
            if (screen == null || !screen.deliveryId.equals(deliveryId)) {
                return;
            }
        }
        waiting.complete(KioskHub.Result.DISPLAYED, now, null, () -> {
            Instant until = now.plus(waiting.delivery.content().displayFor());
            KioskSession.Screen replaced;
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
                events.expired(session, replaced, now);
            }
            directory.update(session, p -> p.showing(screen.customerId, until));
            events.publish(new KioskScreenDisplayed(screen.idempotencyKey, screen.customerId, deliveryId,
                    session.storeId, session.kioskId, now));
        });
    }

    /** The page said a customer is using it: the send is refused as busy, to be tried again after a heartbeat. */
    void busy(KioskSession session, String deliveryId, Instant now) {
        Pending waiting = pending.get(deliveryId);
        if (waiting != null && waiting.session == session) {
            waiting.complete(KioskHub.Result.BUSY, now, busyRetry);
        }
    }

    /** The session ended: every screen still waiting on it is settled as disconnected. */
    void disconnected(KioskSession session, Instant now) {
        for (Pending waiting : List.copyOf(pending.values())) {
            if (waiting.session == session) {
                waiting.complete(KioskHub.Result.DISCONNECTED, now, null);
            }
        }
    }

    /** A send waiting for its page. */
    private final class Pending {
        final KioskDelivery delivery;
        final KioskSession session;
        final CompletableFuture<KioskHub.Outcome> future = new CompletableFuture<>();
        private final AtomicBoolean settled = new AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        Pending(KioskDelivery delivery, KioskSession session) {
            this.delivery = delivery;
            this.session = session;
        }

        /** Settles once; returns whether this call did. */
        boolean complete(KioskHub.Result result, Instant at, Duration retryAfter) {
            return complete(result, at, retryAfter, () -> { });
        }

        /**
         * Settles once, running {@code first} before the waiting sender learns the outcome (so the page is told to
         * withdraw, or the display event is out, before the journey moves on).
         */
        boolean complete(KioskHub.Result result, Instant at, Duration retryAfter, Runnable first) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            pending.remove(delivery.deliveryId(), this);
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (result != KioskHub.Result.DISPLAYED) {
                synchronized (session) {
                    if (session.incoming != null && session.incoming.deliveryId.equals(delivery.deliveryId())) {
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
}
