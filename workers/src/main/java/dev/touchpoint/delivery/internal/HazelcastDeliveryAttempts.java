package dev.touchpoint.delivery.internal;

import com.hazelcast.map.IMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@link DeliveryAttempts} in a Hazelcast map (backup count 1, entries expire after the retention). Every transition
 * is a compare-and-set on the key's entry, so two workers racing for one key cannot both be granted.
 *
 * <p>Values are short strings so the map needs no serializer on any member: {@code READY|2},
 * {@code ATTEMPTING|<failures>|<owner>|<deadline epoch ms>}, {@code DELIVERED|<id>}, {@code UNCONFIRMED}. A marker
 * {@code ATTEMPTING|<failures>} written by an earlier version has neither owner nor deadline and counts as interrupted.
 */
public final class HazelcastDeliveryAttempts implements DeliveryAttempts {

    /** The map's name; its configuration (backups, TTL) is applied where the member is configured. */
    public static final String MAP_NAME = "touchpoint-delivery-attempts";

    private static final String READY = "READY|";
    private static final String ATTEMPTING = "ATTEMPTING|";
    private static final String DELIVERED = "DELIVERED|";
    private static final String UNCONFIRMED = "UNCONFIRMED";

    private final IMap<String, String> attempts;
    private final long retentionSeconds;
    private final String owner;
    private final Predicate<String> ownerAlive;
    private final Duration deadline;
    private final Clock clock;

    /**
     * @param owner      this process's id in the markers it writes (e.g. {@code m:<member uuid>})
     * @param ownerAlive whether the owner of a marker still runs; {@code true} when unknown (the deadline decides)
     * @param deadline   how long an attempt may run before another activation may take it over
     */
    public HazelcastDeliveryAttempts(IMap<String, String> attempts, long retentionSeconds, String owner,
                                     Predicate<String> ownerAlive, Duration deadline, Clock clock) {
        if (owner == null || owner.isBlank() || owner.indexOf('|') >= 0) {
            throw new IllegalArgumentException("owner must be a non-blank id without '|', was " + owner);
        }
        this.attempts = attempts;
        this.retentionSeconds = retentionSeconds;
        this.owner = owner;
        this.ownerAlive = ownerAlive;
        this.deadline = deadline;
        this.clock = clock;
    }

    @Override
    public Claim begin(String key) {
        while (true) {
            String current = attempts.get(key);
            if (current == null) {
                if (attempts.putIfAbsent(key, attempting(0), retentionSeconds, TimeUnit.SECONDS) == null) {
                    return new Claim.Granted(0, true);
                }
            } else if (current.startsWith(DELIVERED)) {
                String id = current.substring(DELIVERED.length());
                return new Claim.AlreadyDelivered(id.isEmpty() ? null : id);
            } else if (current.equals(UNCONFIRMED)) {
                return new Claim.Unconfirmed();
            } else if (current.startsWith(ATTEMPTING)) {
                String[] parts = current.split("\\|", -1);
                int failures = Integer.parseInt(parts[1]);
                String heldBy = parts.length >= 4 ? parts[2] : "unknown";
                Instant until = parts.length >= 4 ? Instant.ofEpochMilli(Long.parseLong(parts[3])) : Instant.MIN;
                boolean live = until.isAfter(clock.instant()) && ownerAlive.test(heldBy);
                if (live) {
                    return new Claim.InProgress(heldBy, until);
                }
                if (attempts.replace(key, current, attempting(failures))) {
                    return new Claim.Interrupted(failures, heldBy);
                }
            } else {
                int failures = Integer.parseInt(current.substring(READY.length()));
                if (attempts.replace(key, current, attempting(failures))) {
                    return new Claim.Granted(failures, false);
                }
            }
        }
    }

    private String attempting(int failures) {
        return ATTEMPTING + failures + "|" + owner + "|" + clock.instant().plus(deadline).toEpochMilli();
    }

    @Override
    public void delivered(String key, String providerMessageId) {
        attempts.set(key, DELIVERED + (providerMessageId == null ? "" : providerMessageId), retentionSeconds, TimeUnit.SECONDS);
    }

    @Override
    public int failedRetryably(String key) {
        while (true) {
            String current = attempts.get(key);
            int failures = current == null || current.startsWith(DELIVERED) || current.equals(UNCONFIRMED) ? 0
                    : Integer.parseInt(current.split("\\|", -1)[1]);
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

    @Override
    public void unconfirmed(String key) {
        attempts.set(key, UNCONFIRMED, retentionSeconds, TimeUnit.SECONDS);
    }
}
