package dev.touchpoint.channel.sms.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * One message the Twilio sandbox handled, as listed by {@code GET /api/sandbox/sms/messages}.
 *
 * @param sid                 the {@code SM...} SID the sandbox gave it
 * @param direction           {@code outbound-api} (sent by Touchpoint) or {@code inbound} (simulated reply)
 * @param to                  recipient number
 * @param from                sender number, {@code null} when sent through a messaging service
 * @param messagingServiceSid the messaging service, or {@code null}
 * @param body                the text
 * @param segments            SMS segments it takes
 * @param status              its latest Twilio status ({@code queued}, {@code sent}, {@code delivered}, ...)
 * @param errorCode           Twilio's delivery error code when undelivered, else {@code null}
 * @param createdAt           when the sandbox accepted it
 * @param statusCallback      where the sandbox reports its status, or {@code null}
 * @param history             every status with the HTTP status our webhook answered (0 when no callback was sent)
 */
public record SandboxSms(String sid, String direction, String to, String from, String messagingServiceSid,
                         String body, int segments, String status, String errorCode, Instant createdAt,
                         String statusCallback, List<StatusChange> history) {

    /** A status the sandbox reported, and what the status callback answered. */
    public record StatusChange(String status, Instant at, int callbackStatus) {
    }
}
