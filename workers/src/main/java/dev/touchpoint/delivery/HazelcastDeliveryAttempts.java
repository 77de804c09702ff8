package dev.touchpoint.delivery;

import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link DeliveryAttempts} in a Hazelcast map (backup count 1, entries expire after the retention). Every transition
 * is a compare-and-set on the key's entry, so two workers racing for one key cannot both be granted.
 *
 * <p>Values are short strings ({@code READY|2}, {@code ATTEMPTING|0}, {@code DELIVERED|<id>}) so the map needs no
 * serializer on any member.
 */
public final class HazelcastDeliveryAttempts implements DeliveryAttempts {

    /** The map's name; its configuration (backups, TTL) is applied where the member is configured. */
    public static final String MAP_NAME = "touchpoint-delivery-attempts";

    private static final String READY = "READY|";
    private static final String ATTEMPTING = "ATTEMPTING|";
    private static final String DELIVERED = "DELIVERED|";

    private final IMap<String, String> attempts;
    private final long retentionSeconds;

    public HazelcastDeliveryAttempts(IMap<String, String> attempts, long retentionSeconds) {
        this.attempts = attempts;
        this.retentionSeconds = retentionSeconds;
    }

    @Override
    public Claim begin(String key) {
        while (true) {
            String current = attempts.get(key);
            if (current == null) {
                if (attempts.putIfAbsent(key, ATTEMPTING + 0, retentionSeconds, TimeUnit.SECONDS) == null) {
                    return new Claim.Granted(0);
                }
            } else if (current.startsWith(DELIVERED)) {
                return new Claim.AlreadyDelivered(current.substring(DELIVERED.length()));
            } else if (current.startsWith(ATTEMPTING)) {
                return new Claim.OutcomeUnknown();
            } else {
                int failures = Integer.parseInt(current.substring(READY.length()));
                if (attempts.replace(key, current, ATTEMPTING + failures)) {
                    return new Claim.Granted(failures);
                }
            }
        }
    }

    @Override
    public void delivered(String key, String providerMessageId) {
        attempts.set(key, DELIVERED + providerMessageId, retentionSeconds, TimeUnit.SECONDS);
    }

    @Override
    public int failedRetryably(String key) {
        while (true) {
            String current = attempts.get(key);
            int failures = current == null || current.startsWith(DELIVERED) ? 0
                    : Integer.parseInt(current.substring(current.indexOf('|') + 1));
            String next = READY + (failures + 1);
            if (current == null ? attempts.putIfAbsent(key, next, retentionSeconds, TimeUnit.SECONDS) == null
                    : attempts.replace(key, current, next)) {
                return failures + 1;
            }
        }
    }

    @Override
    public void failedPermanently(String key) {
        attempts.delete(key);
    }
}
