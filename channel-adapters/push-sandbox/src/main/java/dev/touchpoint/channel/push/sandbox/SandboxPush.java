package dev.touchpoint.channel.push.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One send the FCM sandbox answered, as listed by {@code GET /api/sandbox/push/messages}.
 *
 * @param id         the sandbox's id of the entry (the last part of {@code name} when accepted)
 * @param name       FCM's message name ({@code projects/<project>/messages/<id>}) when accepted, else {@code null}
 * @param token      the device token it was for
 * @param title      the notification title
 * @param body       the notification text
 * @param imageUrl   the notification image, or {@code null}
 * @param data       the data payload
 * @param android    the Android overrides as sent (priority, ttl, collapse_key, notification)
 * @param apns       the APNs overrides as sent (headers, payload)
 * @param outcome    {@code accepted}, or the FCM error code the sandbox answered with ({@code UNREGISTERED}, ...)
 * @param httpStatus the HTTP status of the answer
 * @param receivedAt when the sandbox received it
 */
public record SandboxPush(String id, String name, String token, String title, String body, String imageUrl,
                          Map<String, String> data, Map<String, Object> android, Map<String, Object> apns,
                          String outcome, int httpStatus, Instant receivedAt) {
}
