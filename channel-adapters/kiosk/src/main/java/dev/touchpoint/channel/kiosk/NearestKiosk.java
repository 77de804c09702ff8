package dev.touchpoint.channel.kiosk;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks "the kiosk nearest the customer" among the connected kiosks of a store. Touchpoint does not locate people
 * in a store; it ranks what it knows, in this order:
 * <ol>
 *   <li>a kiosk that shows this customer's screen right now (the customer is standing at it);</li>
 *   <li>a kiosk of the requested zone (e.g. {@code entrance}, where the customer just checked in), when a zone is
 *       asked for;</li>
 *   <li>a kiosk that shows nobody's screen over one that is busy with another customer;</li>
 *   <li>the kiosk a customer touched most recently (people stand where screens are being used);</li>
 *   <li>the kiosk id, so the choice is stable.</li>
 * </ol>
 */
public final class NearestKiosk {

    private NearestKiosk() {
    }

    public static Optional<KioskPresence> choose(List<KioskPresence> connected, String customerId, String zone,
                                                 Instant now) {
        Objects.requireNonNull(connected, "connected");
        Comparator<KioskPresence> order = Comparator
                .comparing((KioskPresence p) -> !(p.busyAt(now) && customerId != null
                        && customerId.equals(p.screenCustomer())))
                .thenComparing(p -> zone != null && !zone.equals(p.zone()))
                .thenComparing(p -> p.busyAt(now))
                .thenComparing(KioskPresence::lastActivityAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(KioskPresence::kioskId);
        return connected.stream().min(order);
    }
}
