package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestKioskTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static KioskPresence kiosk(String id, String zone, Instant lastActivity, Instant busyUntil, String customer) {
        return new KioskPresence("s", id, zone, "i", "session-" + id, NOW.minusSeconds(600), NOW, lastActivity,
                busyUntil, customer);
    }

    @Test
    void theKioskShowingThisCustomersScreenWins() {
        KioskPresence mine = kiosk("k9", "checkout", null, NOW.plusSeconds(20), "cust-1");
        KioskPresence idleAtEntrance = kiosk("k1", "entrance", NOW.minusSeconds(1), null, null);

        assertThat(NearestKiosk.choose(List.of(idleAtEntrance, mine), "cust-1", "entrance", NOW)).contains(mine);
        assertThat(NearestKiosk.choose(List.of(idleAtEntrance, mine), "cust-2", "entrance", NOW))
                .contains(idleAtEntrance);
    }

    @Test
    void theRequestedZoneComesBeforeBeingFreeAndFreeBeforeBusy() {
        KioskPresence busyEntrance = kiosk("k1", "entrance", null, NOW.plusSeconds(30), "cust-9");
        KioskPresence freeEntrance = kiosk("k2", "entrance", null, null, null);
        KioskPresence freeCheckout = kiosk("k3", "checkout", NOW, null, null);

        assertThat(NearestKiosk.choose(List.of(busyEntrance, freeCheckout), "c", "entrance", NOW))
                .contains(busyEntrance);
        assertThat(NearestKiosk.choose(List.of(busyEntrance, freeCheckout, freeEntrance), "c", "entrance", NOW))
                .contains(freeEntrance);
        assertThat(NearestKiosk.choose(List.of(busyEntrance, freeCheckout), "c", null, NOW)).contains(freeCheckout);
    }

    @Test
    void amongEqualsTheMostRecentlyTouchedThenTheIdDecide() {
        KioskPresence touchedLongAgo = kiosk("a", null, NOW.minus(Duration.ofHours(1)), null, null);
        KioskPresence touchedJustNow = kiosk("b", null, NOW.minusSeconds(5), null, null);
        KioskPresence neverTouched = kiosk("c", null, null, null, null);
        KioskPresence expiredBusy = kiosk("d", null, null, NOW.minusSeconds(1), "x");

        assertThat(NearestKiosk.choose(List.of(touchedLongAgo, neverTouched, touchedJustNow), "c", null, NOW))
                .contains(touchedJustNow);
        assertThat(NearestKiosk.choose(List.of(expiredBusy, neverTouched), "c", null, NOW)).contains(neverTouched);
        assertThat(NearestKiosk.choose(List.of(), "c", null, NOW)).isEmpty();
    }
}
