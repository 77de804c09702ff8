package dev.touchpoint.channel;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An app push notification as rendered by the brand design system. The recipient of its message is one or more
 * device registration tokens ({@link PushRecipients}).
 *
 * @param title            the notification title
 * @param body             the notification text
 * @param deepLink         where tapping the notification leads inside the app, {@code null} for the app's start screen
 *                         (sent to the app as the data entry {@value #DEEP_LINK_KEY})
 * @param data             extra key/value data for the app (no personal data), never {@code null}; keys must not start
 *                         with {@code google.} or {@code gcm.} and must not be one of FCM's reserved words
 * @param imageUrl         an {@code https} image shown in the expanded notification, {@code null} for none
 * @param androidChannelId the Android notification channel (per category, from the brand), {@code null} for the app's
 *                         default
 * @param collapseKey      notifications with the same key replace each other while undelivered (Android
 *                         {@code collapse_key}, APNs {@code apns-collapse-id}); at most {@value #MAX_COLLAPSE_KEY_LENGTH}
 *                         ASCII characters; {@code null} for none
 * @param threadId         groups notifications on iOS ({@code aps.thread-id}) and Android ({@code tag}); {@code null}
 *                         for none
 * @param timeToLive       how long the push service keeps trying to reach an offline device, at most
 *                         {@link #MAX_TIME_TO_LIVE}; {@code null} for the service's default (4 weeks); zero means "now
 *                         or never"
 * @param priority         delivery urgency, never {@code null} ({@link PushPriority#NORMAL} when not given)
 */
public record PushContent(String title, String body, URI deepLink, Map<String, String> data, URI imageUrl,
                          String androidChannelId, String collapseKey, String threadId, Duration timeToLive,
                          PushPriority priority) implements RenderedContent {

    /** The data key that carries {@link #deepLink()} to the app (the brand design system uses the same key). */
    public static final String DEEP_LINK_KEY = "deepLink";
    /** Longest collapse key: APNs limits {@code apns-collapse-id} to 64 bytes. */
    public static final int MAX_COLLAPSE_KEY_LENGTH = 64;
    /** Longest time to live FCM and APNs accept. */
    public static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(28);

    /** FCM rejects data keys with these prefixes or names. */
    private static final Set<String> RESERVED_DATA_KEYS = Set.of("from", "notification",
            "message_type", "collapse_key");

    public PushContent {
        Require.notBlank(title, "title");
        Require.notBlank(body, "body");
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        for (Map.Entry<String, String> entry : data.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isBlank() || entry.getValue() == null) {
                throw new IllegalArgumentException("push data keys and values must not be blank or null");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("google.") || lower.startsWith("gcm.") || RESERVED_DATA_KEYS.contains(lower)) {
                throw new IllegalArgumentException("push data key '" + key + "' is reserved by FCM");
            }
        }
        if (deepLink != null && !deepLink.isAbsolute()) {
            throw new IllegalArgumentException("deepLink must be an absolute URI (app scheme or https)");
        }
        if (deepLink != null && data.containsKey(DEEP_LINK_KEY)
                && !data.get(DEEP_LINK_KEY).equals(deepLink.toString())) {
            throw new IllegalArgumentException("data['" + DEEP_LINK_KEY + "'] differs from deepLink");
        }
        if (imageUrl != null && !"https".equalsIgnoreCase(imageUrl.getScheme())) {
            throw new IllegalArgumentException("imageUrl must be an https URI");
        }
        androidChannelId = Require.nullIfBlank(androidChannelId);
        collapseKey = Require.nullIfBlank(collapseKey);
        threadId = Require.nullIfBlank(threadId);
        if (collapseKey != null && (collapseKey.length() > MAX_COLLAPSE_KEY_LENGTH
                || !collapseKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("collapseKey must be at most " + MAX_COLLAPSE_KEY_LENGTH
                    + " printable ASCII characters");
        }
        if (timeToLive != null && (timeToLive.isNegative() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0)) {
            throw new IllegalArgumentException("timeToLive must be between 0 and " + MAX_TIME_TO_LIVE);
        }
        priority = priority == null ? PushPriority.NORMAL : priority;
    }

    /** A notification with a title, a text, an optional deep link and data; everything else at the defaults. */
    public PushContent(String title, String body, URI deepLink, Map<String, String> data) {
        this(title, body, deepLink, data, null, null, null, null, null, PushPriority.NORMAL);
    }

    /**
     * The data the app receives: {@link #data()} plus {@value #DEEP_LINK_KEY} when there is a deep link.
     */
    public Map<String, String> dataWithDeepLink() {
        if (deepLink == null || data.containsKey(DEEP_LINK_KEY)) {
            return data;
        }
        Map<String, String> all = new LinkedHashMap<>(data);
        all.put(DEEP_LINK_KEY, deepLink.toString());
        return Collections.unmodifiableMap(all);
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    /** Leaves the text out: it is personal content. */
    @Override
    public String toString() {
        return "PushContent[deepLink=" + (deepLink != null) + ", image=" + (imageUrl != null) + ", dataKeys="
                + data.keySet() + ", priority=" + priority + ", collapseKey=" + (collapseKey != null) + ", ttl="
                + timeToLive + "]";
    }
}
