package dev.touchpoint.channel.kiosk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskEvent;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.KioskScreenDismissed;
import dev.touchpoint.channel.KioskScreenExpired;
import dev.touchpoint.channel.KioskSendToPhoneRequested;
import dev.touchpoint.channel.KioskSurveyAnswered;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub reports about the kiosks connected to this instance: it publishes their {@link KioskEvent}s, and it
 * ends screens on a customer's action or on expiry, durably: a screen counts as finished only once every listener
 * of its event returned (the journey's event and the evidence are recorded).
 */
final class KioskEvents {

    private static final Logger log = LoggerFactory.getLogger(KioskEvents.class);
    /**
     * How long a finished screen is remembered, so that an action the page sends again (after a reconnect) is
     * acknowledged rather than lost. Kept by age, not by count: a cache bounded only by size may drop a fresh entry
     * when full (Caffeine admits by frequency); the size is only a memory bound, far above a store network's screens
     * in that time.
     */
    private static final Duration FINISHED_SCREENS_KEPT_FOR = Duration.ofHours(1);
    private static final int FINISHED_SCREENS_MAX = 100_000;

    private final Consumer<KioskEvent> listeners;
    private final KioskDirectoryWriter directory;
    /** Screens finished lately, by kiosk and delivery: an action the page sends again is acknowledged, not lost. */
    private final Cache<String, Boolean> finishedScreens = Caffeine.newBuilder()
            .expireAfterWrite(FINISHED_SCREENS_KEPT_FOR)
            .maximumSize(FINISHED_SCREENS_MAX)
            .build();

    KioskEvents(Consumer<KioskEvent> listeners, KioskDirectoryWriter directory) {
        this.listeners = listeners;
        this.directory = directory;
    }

    /** Publishes an event; a listener's failure is logged (nobody could act on it). */
    void publish(KioskEvent event) {
        logged(event);
        try {
            listeners.accept(event);
        } catch (RuntimeException e) {
            log.error("Kiosk event {} for customer {} failed in a listener", event.getClass().getSimpleName(),
                    event.customerId(), e);
        }
    }

    /** The screen shown ended without a customer's action: the kiosk went away, or a newer screen replaced it. */
    void expired(KioskSession session, KioskSession.Screen screen, Instant now) {
        publish(new KioskScreenExpired(screen.idempotencyKey, screen.customerId, screen.deliveryId,
                session.storeId, session.kioskId, now));
    }

    /**
     * A customer action ({@code action} not null) or the page's {@code expired}. The screen counts as finished only
     * once every listener of its event returned (the journey's event and the evidence are durable): a listener's
     * failure leaves the screen shown, the page is asked to send the action again ({@code retry}) and an expiry is
     * retried by the heartbeat sweep. The page gets {@code ack} for a finished action, also when it sends it again
     * because an earlier acknowledgement was lost.
     */
    void finish(KioskSession session, String deliveryId, KioskAction action, Integer score, Instant now) {
        KioskSession.Screen screen;
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
                if (finishedScreens.getIfPresent(finishedKey(session, deliveryId)) != null) {
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
        KioskEvent event = event(session, screen, action, score, now);
        try {
            logged(event);
            listeners.accept(event);
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
        finishedScreens.put(finishedKey(session, deliveryId), Boolean.TRUE);
        if (action != null) {
            session.connection.send(KioskProtocol.ack(deliveryId));
        }
        directory.update(session, p -> action == null ? p.idle() : p.idle().activeAt(now));
    }

    private static KioskEvent event(KioskSession session, KioskSession.Screen screen, KioskAction action,
                                    Integer score, Instant now) {
        String s = session.storeId;
        String k = session.kioskId;
        String deliveryId = screen.deliveryId;
        if (action == null) {
            return new KioskScreenExpired(screen.idempotencyKey, screen.customerId, deliveryId, s, k, now);
        }
        return switch (action) {
            case ACCEPT_OFFER -> new KioskOfferAccepted(screen.idempotencyKey, screen.customerId, deliveryId, s, k,
                    now);
            case SEND_TO_PHONE -> new KioskSendToPhoneRequested(screen.idempotencyKey, screen.customerId, deliveryId,
                    s, k, now);
            case DISMISS -> new KioskScreenDismissed(screen.idempotencyKey, screen.customerId, deliveryId, s, k, now);
            case ANSWER -> new KioskSurveyAnswered(screen.idempotencyKey, screen.customerId, deliveryId, s, k, score,
                    now);
        };
    }

    private static String finishedKey(KioskSession session, String deliveryId) {
        return session.key() + "/" + deliveryId;
    }

    private static void logged(KioskEvent event) {
        log.info("Kiosk {}/{}: {} customer={} idempotencyKey={}", event.storeId(), event.kioskId(),
                event.getClass().getSimpleName(), event.customerId(), event.idempotencyKey());
    }
}
