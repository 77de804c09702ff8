package dev.touchpoint.ingress.internal;

import dev.touchpoint.ingress.IngressEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events each source sent, kept in the application's database (table {@code ingress_event_seen}) for a window
 * (default 7 days) after they were handed over: a redelivery within the window is recognised whatever the route does
 * with it (start a journey, correlate a message, or only update the context) and however long the engine buffers its
 * messages (ADR-0022). Checked before routing, recorded after the event was handed over, so an event that was refused
 * or pushed back is not remembered and its redelivery goes through.
 */
public class IngressIdempotency {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Duration window;
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public IngressIdempotency(DataSource dataSource, Duration window, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.window = window;
        this.clock = clock;
    }

    public Duration window() {
        return window;
    }

    /** Whether this source's event was handed over within the window. */
    public boolean seen(String source, IngressEvent event) {
        Instant now = clock.instant();
        purgeIfDue(now);
        Integer found = jdbc.query("SELECT 1 FROM ingress_event_seen WHERE source = ? AND idempotency_key = ? AND expires_at > ?",
                (rs, n) -> 1, source, event.idempotencyKey(), timestamp(now)).stream().findFirst().orElse(null);
        return found != null;
    }

    /** Remembers that this source's event was handed over (a concurrent delivery of the same event may have done so). */
    public void handedOver(String source, IngressEvent event) {
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO ingress_event_seen (source, idempotency_key, event_type, customer_id, first_seen_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", source, event.idempotencyKey(), event.type(), truncate(event.customerId()),
                    timestamp(now), timestamp(now.plus(window)));
        } catch (DuplicateKeyException alreadyThere) {
            // recorded by a concurrent delivery (kept), or an expired row not purged yet (renewed)
            jdbc.update("UPDATE ingress_event_seen SET event_type = ?, customer_id = ?, first_seen_at = ?, expires_at = ?"
                            + " WHERE source = ? AND idempotency_key = ? AND expires_at <= ?", event.type(), truncate(event.customerId()),
                    timestamp(now), timestamp(now.plus(window)), source, event.idempotencyKey(), timestamp(now));
        }
    }

    /** Deletes expired rows, at most every ten minutes; returns how many. */
    int purgeIfDue(Instant now) {
        if (now.isBefore(nextPurge)) {
            return 0;
        }
        nextPurge = now.plus(PURGE_EVERY);
        return jdbc.update("DELETE FROM ingress_event_seen WHERE expires_at <= ?", timestamp(now));
    }

    private static String truncate(String customerId) {
        return customerId == null || customerId.length() <= 160 ? customerId : customerId.substring(0, 160);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
