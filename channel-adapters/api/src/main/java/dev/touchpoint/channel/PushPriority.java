package dev.touchpoint.channel;

/**
 * How urgently a push notification is delivered. FCM maps it to Android's message priority ({@code HIGH} wakes a
 * sleeping device) and to APNs' {@code apns-priority} (10 immediate, 5 power-considerate).
 */
public enum PushPriority {
    /** Time-sensitive: the customer should see it now (an order at the pick-up desk, a kiosk offer). */
    HIGH,
    /** Everything else; the device may batch it to save battery. */
    NORMAL
}
