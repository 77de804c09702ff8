package dev.touchpoint.channel.kiosk.hazelcast;

/** The Hazelcast structures of the kiosk channel (configure their backups and limits by these names). */
public final class KioskHazelcastNames {

    /** {@code IMap<String, HazelcastJsonValue>}: {@code storeId/kioskId} to the connected kiosk's presence. */
    public static final String PRESENCE_MAP = "touchpoint.kiosk.presence";
    /** Prefix of the {@code ITopic<String>} each app instance reads its kiosk messages from (+ instance id). */
    public static final String INBOX_TOPIC_PREFIX = "touchpoint.kiosk.inbox.";

    private KioskHazelcastNames() {
    }
}
