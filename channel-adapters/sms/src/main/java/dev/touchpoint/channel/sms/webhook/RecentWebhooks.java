package dev.touchpoint.channel.sms.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} {@code I-Twilio-Idempotency-Token}s, so a webhook Twilio retries (after a
 * timeout of ours) publishes its event once.
 */
final class RecentWebhooks {

    private final Map<String, Boolean> seen;

    RecentWebhooks(int capacity) {
        this.seen = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether the token is new (and remembers it); {@code true} for a missing token. */
    synchronized boolean firstTime(String token) {
        if (token == null || token.isBlank()) {
            return true;
        }
        return seen.put(token, Boolean.TRUE) == null;
    }
}
