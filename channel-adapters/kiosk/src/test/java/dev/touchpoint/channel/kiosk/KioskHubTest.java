package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoint.channel.KioskAction;
import dev.touchpoint.channel.KioskContent;
import dev.touchpoint.channel.KioskEvent;
import dev.touchpoint.channel.KioskOfferAccepted;
import dev.touchpoint.channel.KioskScreenDisplayed;
import dev.touchpoint.channel.KioskScreenExpired;
import dev.touchpoint.channel.KioskTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub of a single instance (directory in this JVM, no route), with scripted pages. */
class KioskHubTest {

    static final String STORE = "berlin-mitte";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final LocalKioskDirectory directory = new LocalKioskDirectory();
    private final List<KioskEvent> events = new CopyOnWriteArrayList<>();
    /** While set, listeners fail on customer actions (the journey's event or the evidence cannot be recorded). */
    private final java.util.concurrent.atomic.AtomicBoolean listenersFail = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final KioskHub hub = new KioskHub("solo", directory, null,
            new RouteSigner(new KioskTokens("hub-test-secret-0123456789abcdefghijkl", Map.of()).routeKey()),
            key -> key.endsWith("/entrance-1") ? "entrance" : null, event -> {
                if (listenersFail.get() && !(event instanceof KioskScreenDisplayed)) {
                    throw new IllegalStateException("ledger unavailable");
                }
                events.add(event);
            },
            new KioskHub.Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1),
                    Duration.ofMillis(500)), clock, scheduler);

    @AfterEach
    void close() {
        hub.close();
        scheduler.shutdownNow();
    }

    private ScriptedKiosk connect(String kioskId, ScriptedKiosk.Mode mode) {
        ScriptedKiosk page = new ScriptedKiosk(hub, mode).connect(STORE, kioskId);
        await().until(() -> directory.find(STORE, kioskId).filter(p -> p.sessionId().equals(page.id())).isPresent());
        return page;
    }

    private KioskHub.Outcome show(String customer, KioskTarget target) {
        return hub.display("key-" + customer + "-" + events.size(), customer, target, screen());
    }

    private static KioskContent screen() {
        return new KioskContent("<section>Hi</section>", "Hi", Duration.ofSeconds(20), "Hi", null, "Take it", "de",
                Set.of(KioskAction.ACCEPT_OFFER, KioskAction.DISMISS), null);
    }

    @Test
    void aKioskShowsOneCustomerAtATimeButTheSameCustomersNewScreenReplacesTheOld() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        KioskTarget kiosk = KioskTarget.kiosk(STORE, "entrance-1");

        KioskHub.Outcome first = show("cust-1", kiosk);
        clock.advance(Duration.ofSeconds(5));
        KioskHub.Outcome other = show("cust-2", kiosk);
        KioskHub.Outcome again = show("cust-1", kiosk);

        assertThat(first.result()).isEqualTo(KioskHub.Result.DISPLAYED);
        assertThat(other.result()).isEqualTo(KioskHub.Result.BUSY);
        assertThat(other.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(again.result()).isEqualTo(KioskHub.Result.DISPLAYED);
        assertThat(events).filteredOn(KioskScreenExpired.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.providerMessageId()).isEqualTo(first.deliveryId()));
        assertThat(page.received("screen")).hasSize(2);
    }

    @Test
    void aScreenThePageRefusesLeavesTheScreenTheCustomerIsUsingInPlace() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        KioskHub.Outcome first = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));
        page.answer(ScriptedKiosk.Mode.BUSY); // the customer is touching the first screen

        KioskHub.Outcome second = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));
        page.tap(first.deliveryId(), "ACCEPT_OFFER");

        assertThat(second.result()).isEqualTo(KioskHub.Result.BUSY);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KioskScreenDisplayed", "KioskOfferAccepted");
        assertThat(events.get(1).providerMessageId()).isEqualTo(first.deliveryId());
    }

    @Test
    void anActionIsReportedOnceForTheScreenOnTheKioskAndIgnoredOtherwise() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        ScriptedKiosk stranger = connect("entrance-2", ScriptedKiosk.Mode.ACK);
        KioskHub.Outcome shown = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));

        stranger.tap(shown.deliveryId(), "ACCEPT_OFFER"); // another kiosk cannot act for it
        page.tap("unknown-id", "ACCEPT_OFFER");
        page.tap(shown.deliveryId(), "ACCEPT_OFFER");
        page.tap(shown.deliveryId(), "DISMISS");

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KioskScreenDisplayed", "KioskOfferAccepted");
        KioskOfferAccepted accepted = (KioskOfferAccepted) events.get(1);
        assertThat(accepted.kioskId()).isEqualTo("entrance-1");
        // the kiosk is free again for anyone
        assertThat(show("cust-2", KioskTarget.kiosk(STORE, "entrance-1")).result())
                .isEqualTo(KioskHub.Result.DISPLAYED);
    }

    @Test
    void anAnswerCountsOnlyOnASurveyScreenAndOnlyWithAScoreOfItsScale() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        KioskHub.Outcome greeting = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));
        // an answer on a screen that is not a survey records nothing and leaves the screen up
        page.say("{\"type\":\"action\",\"deliveryId\":\"" + greeting.deliveryId() + "\",\"action\":\"ANSWER\",\"score\":3}");
        page.tap(greeting.deliveryId(), "DISMISS");
        await().until(() -> events.size() == 2);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KioskScreenDisplayed", "KioskScreenDismissed");

        KioskHub.Outcome survey = hub.display("key-survey", "cust-1", KioskTarget.kiosk(STORE, "entrance-1"),
                new KioskContent("<section>How satisfied?</section>", "How satisfied?", Duration.ofSeconds(20),
                        "How satisfied?", null, null, "en", Set.of(KioskAction.ANSWER, KioskAction.DISMISS), null,
                        new dev.touchpoint.channel.KioskSurvey("csat", 1, 5, true)));
        assertThat(survey.result()).isEqualTo(KioskHub.Result.DISPLAYED);
        // off the scale: nothing; on it: one answer, then the screen is done
        page.say("{\"type\":\"action\",\"deliveryId\":\"" + survey.deliveryId() + "\",\"action\":\"ANSWER\",\"score\":0}");
        page.say("{\"type\":\"action\",\"deliveryId\":\"" + survey.deliveryId() + "\",\"action\":\"ANSWER\",\"score\":4}");
        page.say("{\"type\":\"action\",\"deliveryId\":\"" + survey.deliveryId() + "\",\"action\":\"ANSWER\",\"score\":5}");
        await().until(() -> events.size() == 4);
        assertThat(events.get(3)).isInstanceOfSatisfying(dev.touchpoint.channel.KioskSurveyAnswered.class, answer -> {
            assertThat(answer.score()).isEqualTo(4);
            assertThat(answer.idempotencyKey()).isEqualTo("key-survey");
            assertThat(answer.providerMessageId()).isEqualTo(survey.deliveryId());
        });
        await().until(() -> page.received("ack").size() >= 2);
        assertThat(events).hasSize(4);
    }

    @Test
    void anActionWhoseListenersFailIsNotLostThePageIsAskedAgainAndTheRetryIsRecordedOnce() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        KioskHub.Outcome shown = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));

        listenersFail.set(true);
        page.tap(shown.deliveryId(), "ACCEPT_OFFER");
        await().until(() -> !page.received("retry").isEmpty());
        assertThat(page.received("ack")).isEmpty();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("KioskScreenDisplayed");
        assertThat(show("cust-2", KioskTarget.kiosk(STORE, "entrance-1")).result())
                .as("the screen is still the customer's").isEqualTo(KioskHub.Result.BUSY);

        listenersFail.set(false);
        page.tap(shown.deliveryId(), "ACCEPT_OFFER"); // the page sends it again
        page.tap(shown.deliveryId(), "ACCEPT_OFFER"); // and once more: the acknowledgement crossed it
        await().until(() -> page.received("ack").size() == 2);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KioskScreenDisplayed", "KioskOfferAccepted");
        assertThat(page.received("ack")).allSatisfy(m -> assertThat(m.path("deliveryId").asText()).isEqualTo(shown.deliveryId()));

        page.tap("never-shown", "ACCEPT_OFFER");
        await().until(() -> !page.received("gone").isEmpty());
    }

    @Test
    void anExpiryWhoseListenersFailIsRetriedByTheSweep() {
        connect("entrance-1", ScriptedKiosk.Mode.ACK);
        KioskHub.Outcome shown = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));
        listenersFail.set(true);
        clock.advance(Duration.ofSeconds(21));
        hub.sweep();
        assertThat(events).filteredOn(KioskScreenExpired.class::isInstance).isEmpty();

        listenersFail.set(false);
        hub.sweep();
        assertThat(events).filteredOn(KioskScreenExpired.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.providerMessageId()).isEqualTo(shown.deliveryId()));
    }

    @Test
    void aScreenTheKioskDoesNotConfirmIsWithdrawnAndALateConfirmationChangesNothing() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.SILENT);

        KioskHub.Outcome outcome = show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));
        page.say("{\"type\":\"displayed\",\"deliveryId\":\"" + outcome.deliveryId() + "\"}");

        assertThat(outcome.result()).isEqualTo(KioskHub.Result.NO_ACK);
        assertThat(page.received("withdraw")).extracting(m -> m.path("deliveryId").asText())
                .containsExactly(outcome.deliveryId());
        assertThat(events).isEmpty();
    }

    @Test
    void theNearestKioskOfTheZoneIsChosenAndAStoreWithoutKiosksIsOffline() {
        connect("checkout-1", ScriptedKiosk.Mode.ACK);
        connect("entrance-1", ScriptedKiosk.Mode.ACK);

        assertThat(show("cust-1", KioskTarget.nearest(STORE, "entrance")).kiosk())
                .isEqualTo(KioskTarget.kiosk(STORE, "entrance-1"));
        KioskHub.Outcome nowhere = show("cust-1", KioskTarget.nearest("empty-store"));
        assertThat(nowhere.result()).isEqualTo(KioskHub.Result.OFFLINE);
        assertThat(nowhere.kiosk()).isNull();
    }

    @Test
    void aNewConnectionOfTheSameKioskReplacesTheOldOne() {
        ScriptedKiosk old = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        ScriptedKiosk fresh = connect("entrance-1", ScriptedKiosk.Mode.ACK);

        assertThat(old.isClosed()).isTrue();
        assertThat(old.closeCode()).isEqualTo(KioskConnection.REPLACED);
        assertThat(fresh.received("welcome")).singleElement()
                .satisfies(w -> assertThat(w.path("heartbeatMs").asLong()).isEqualTo(10_000));
        assertThat(show("cust-1", KioskTarget.kiosk(STORE, "entrance-1")).result())
                .isEqualTo(KioskHub.Result.DISPLAYED);
        assertThat(fresh.displayedCount()).isEqualTo(1);
        assertThat(old.displayedCount()).isZero();
    }

    @Test
    void theHeartbeatSweepClosesSilentPagesAndEndsScreensWhoseTimeRanOut() {
        ScriptedKiosk silent = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        ScriptedKiosk chatty = connect("entrance-2", ScriptedKiosk.Mode.ACK);
        KioskHub.Outcome shown = show("cust-1", KioskTarget.kiosk(STORE, "entrance-2"));

        clock.advance(Duration.ofSeconds(25));
        chatty.say("{\"type\":\"ping\"}");
        hub.sweep();
        clock.advance(Duration.ofSeconds(10));
        chatty.say("{\"type\":\"ping\"}");
        hub.sweep();

        assertThat(silent.closeCode()).isEqualTo(KioskConnection.SILENT);
        await().until(() -> directory.find(STORE, "entrance-1").isEmpty());
        assertThat(chatty.isClosed()).isFalse();
        assertThat(chatty.received("pong")).hasSize(2);
        assertThat(directory.find(STORE, "entrance-2").orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
        assertThat(events).filteredOn(KioskScreenExpired.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.providerMessageId()).isEqualTo(shown.deliveryId()));
    }

    @Test
    void aKioskThatLeavesWhileItsScreenIsUpEndsTheScreen() {
        ScriptedKiosk page = connect("entrance-1", ScriptedKiosk.Mode.ACK);
        show("cust-1", KioskTarget.kiosk(STORE, "entrance-1"));

        page.leave();

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("KioskScreenDisplayed", "KioskScreenExpired");
        assertThat(events.getFirst()).isInstanceOf(KioskScreenDisplayed.class);
        assertThat(show("cust-1", KioskTarget.kiosk(STORE, "entrance-1")).result())
                .isIn(KioskHub.Result.OFFLINE);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
