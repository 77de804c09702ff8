package dev.touchpoint.channel.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoint.channel.PushContent;
import dev.touchpoint.channel.PushPriority;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The request body of FCM HTTP v1 {@code messages:send} for one device
 * (https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages):
 * <ul>
 *   <li>{@code message.notification}: title, body and image, what both platforms display;</li>
 *   <li>{@code message.data}: the content's data, its deep link as {@value PushContent#DEEP_LINK_KEY} and the
 *       idempotency key as {@value #IDEMPOTENCY_KEY_DATA} (so the app can drop a duplicate that a retried send after
 *       a lost answer may cause: FCM itself has no idempotency key);</li>
 *   <li>{@code message.android}: {@code priority}, {@code ttl}, {@code collapse_key}, and the notification's
 *       {@code channel_id} and {@code tag} (thread);</li>
 *   <li>{@code message.apns}: the {@code apns-priority} (10 or 5), {@code apns-expiration}, {@code apns-collapse-id}
 *       and {@code apns-push-type} headers, {@code aps.thread-id}, and for an image {@code mutable-content} with
 *       {@code fcm_options.image}.</li>
 * </ul>
 */
public final class FcmMessages {

    /** The data key carrying the send's idempotency key to the app. */
    public static final String IDEMPOTENCY_KEY_DATA = "touchpointKey";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FcmMessages() {
    }

    /**
     * The JSON body for one token.
     *
     * @param now          the time the APNs expiration is counted from
     * @param validateOnly ask FCM to validate without delivering (a dry run)
     */
    public static String body(String token, PushContent content, String idempotencyKey, Instant now,
                              boolean validateOnly) {
        ObjectNode root = JSON.createObjectNode();
        if (validateOnly) {
            root.put("validate_only", true);
        }
        ObjectNode message = root.putObject("message");
        message.put("token", token);

        ObjectNode notification = message.putObject("notification");
        notification.put("title", content.title());
        notification.put("body", content.body());
        if (content.imageUrl() != null) {
            notification.put("image", content.imageUrl().toString());
        }

        ObjectNode data = message.putObject("data");
        for (Map.Entry<String, String> entry : content.dataWithDeepLink().entrySet()) {
            data.put(entry.getKey(), entry.getValue());
        }
        data.put(IDEMPOTENCY_KEY_DATA, idempotencyKey);

        ObjectNode android = message.putObject("android");
        android.put("priority", content.priority() == PushPriority.HIGH ? "HIGH" : "NORMAL");
        if (content.timeToLive() != null) {
            android.put("ttl", seconds(content.timeToLive()));
        }
        if (content.collapseKey() != null) {
            android.put("collapse_key", content.collapseKey());
        }
        if (content.androidChannelId() != null || content.threadId() != null) {
            ObjectNode androidNotification = android.putObject("notification");
            if (content.androidChannelId() != null) {
                androidNotification.put("channel_id", content.androidChannelId());
            }
            if (content.threadId() != null) {
                androidNotification.put("tag", content.threadId());
            }
        }

        ObjectNode apns = message.putObject("apns");
        ObjectNode headers = apns.putObject("headers");
        headers.put("apns-push-type", "alert");
        headers.put("apns-priority", content.priority() == PushPriority.HIGH ? "10" : "5");
        if (content.timeToLive() != null) {
            // APNs: an absolute UNIX time; 0 means "deliver now or never"
            headers.put("apns-expiration", content.timeToLive().isZero() ? "0"
                    : Long.toString(now.plus(content.timeToLive()).getEpochSecond()));
        }
        if (content.collapseKey() != null) {
            headers.put("apns-collapse-id", content.collapseKey());
        }
        ObjectNode aps = apns.putObject("payload").putObject("aps");
        if (content.threadId() != null) {
            aps.put("thread-id", content.threadId());
        }
        if (content.imageUrl() != null) {
            aps.put("mutable-content", 1);
            apns.putObject("fcm_options").put("image", content.imageUrl().toString());
        }
        return root.toString();
    }

    /** A protobuf {@code Duration} in JSON: whole seconds with an {@code s}, e.g. {@code 3600s}. */
    static String seconds(Duration duration) {
        long nanos = duration.getNano();
        return nanos == 0 ? duration.getSeconds() + "s"
                : duration.getSeconds() + "." + String.format("%09d", nanos).replaceAll("0+$", "") + "s";
    }
}
