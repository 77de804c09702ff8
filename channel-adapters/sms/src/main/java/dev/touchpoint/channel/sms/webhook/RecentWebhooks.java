package dev.touchpoint.channel.sms.webhook;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers the last {@code capacity} {@code I-Twilio-Idempotency-Token}s whose webhook was <em>handled</em>, so a
 * webhook Twilio retries publishes its event once. A token counts as handled only once every listener of its event
 * returned (the consent change, its evidence and the journeys' event are durable): a failure forgets the token again,
 * so Twilio's retry with the same token is applied, never answered 200 and dropped.
 */
final class RecentWebhooks {

    /** What to do with a webhook. */
    enum Admission {
        /** Not seen: handle it, then {@link #handled} or {@link #failed}. */
        HANDLE,
        /** Handled before: answer 200 and do nothing. */
        DUPLICATE,
        /** The same token is being handled right now: answer 5xx so the vendor comes back (the first may still fail). */
        IN_PROGRESS
    }

    /**
     * The last {@code capacity} tokens handled, oldest dropped first. Not a Caffeine cache: its size eviction admits by
     * frequency and may drop a token just handled, letting the vendor's retry of it through (see IdempotencyGuard).
     */
    private final Map<String, Boolean> handled;
    private final Set<String> inProgress = new HashSet<>();

    RecentWebhooks(int capacity) {
        this.handled = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Admits a webhook; a missing token is always handled. */
    synchronized Admission begin(String token) {
        if (token == null || token.isBlank()) {
            return Admission.HANDLE;
        }
        if (handled.containsKey(token)) {
            return Admission.DUPLICATE;
        }
        return inProgress.add(token) ? Admission.HANDLE : Admission.IN_PROGRESS;
    }

    /** Every listener returned: remember the token. */
    synchronized void handled(String token) {
        if (token != null && !token.isBlank()) {
            inProgress.remove(token);
            handled.put(token, Boolean.TRUE);
        }
    }

    /** Handling failed: forget the token, so the vendor's retry is handled. */
    synchronized void failed(String token) {
        if (token != null) {
            inProgress.remove(token);
        }
    }
}
