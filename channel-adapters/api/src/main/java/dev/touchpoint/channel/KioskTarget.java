package dev.touchpoint.channel;

import java.util.regex.Pattern;

/**
 * Where a kiosk screen goes, carried in {@link OutboundMessage#recipient()}:
 * <ul>
 *   <li>{@code <storeId>/<kioskId>}: that kiosk;</li>
 *   <li>{@code <storeId>}: the kiosk nearest the customer in that store, chosen among its connected kiosks;</li>
 *   <li>{@code <storeId>#<zone>}: the same, preferring kiosks placed in that zone (e.g. {@code entrance}, where the
 *       customer just checked in).</li>
 * </ul>
 * Ids and zones are 1 to 64 characters of letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter
 * or digit. They name equipment, not people, so they may be logged.
 *
 * @param storeId the store
 * @param kioskId the kiosk, or {@code null} for the nearest one
 * @param zone    the preferred zone when {@code kioskId} is {@code null}, else {@code null}
 */
public record KioskTarget(String storeId, String kioskId, String zone) {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    public KioskTarget {
        id(storeId, "storeId");
        kioskId = Require.nullIfBlank(kioskId);
        zone = Require.nullIfBlank(zone);
        if (kioskId != null) {
            id(kioskId, "kioskId");
        }
        if (zone != null) {
            id(zone, "zone");
        }
        if (kioskId != null && zone != null) {
            throw new IllegalArgumentException("a zone only applies when no kiosk is named");
        }
    }

    /** That kiosk of that store. */
    public static KioskTarget kiosk(String storeId, String kioskId) {
        return new KioskTarget(storeId, Require.notBlank(kioskId, "kioskId"), null);
    }

    /** The kiosk nearest the customer in the store. */
    public static KioskTarget nearest(String storeId) {
        return new KioskTarget(storeId, null, null);
    }

    /** The kiosk nearest the customer in the store, preferring the zone. */
    public static KioskTarget nearest(String storeId, String zone) {
        return new KioskTarget(storeId, null, zone);
    }

    /**
     * The target a recipient string names.
     *
     * @throws IllegalArgumentException when it is not {@code store/kiosk}, {@code store} or {@code store#zone}
     */
    public static KioskTarget parse(String recipient) {
        Require.notBlank(recipient, "recipient");
        String value = recipient.strip();
        int slash = value.indexOf('/');
        if (slash >= 0) {
            return kiosk(value.substring(0, slash), value.substring(slash + 1));
        }
        int hash = value.indexOf('#');
        if (hash >= 0) {
            return nearest(value.substring(0, hash), value.substring(hash + 1));
        }
        return nearest(value);
    }

    /** Whether one kiosk is named (else the nearest is chosen). */
    public boolean isSpecificKiosk() {
        return kioskId != null;
    }

    /** The recipient string for {@link OutboundMessage}. */
    public String recipient() {
        if (kioskId != null) {
            return storeId + "/" + kioskId;
        }
        return zone == null ? storeId : storeId + "#" + zone;
    }

    /** Whether the text is a valid store, kiosk or zone id. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static void id(String value, String name) {
        if (!isValidId(value)) {
            throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return recipient();
    }
}
