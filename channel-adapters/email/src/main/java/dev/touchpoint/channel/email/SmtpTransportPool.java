package dev.touchpoint.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of connected, authenticated SMTP {@link Transport}s, so a campaign reuses a few connections instead of
 * opening one per message. At most {@code poolSize} connections exist; a caller waits up to the read timeout for one.
 *
 * <p>A connection goes back to the pool only after a successful send; any failure closes it (an SMTP session after a
 * refused transaction, or a half-dead socket, is not worth reasoning about). A connection idle for at least
 * {@code validateAfterIdle} is checked with {@code NOOP} before reuse, since servers drop idle clients; one that has
 * carried {@code maxMessagesPerConnection} messages is replaced.
 */
final class SmtpTransportPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransportPool.class);

    /** Work done with a borrowed transport. */
    @FunctionalInterface
    interface TransportWork<T> {
        T run(Transport transport) throws MessagingException;
    }

    private final Session session;
    private final SmtpSettings settings;
    private final Clock clock;
    private final Semaphore permits;
    private final Deque<Pooled> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    SmtpTransportPool(Session session, SmtpSettings settings, Clock clock) {
        this.session = session;
        this.settings = settings;
        this.clock = clock;
        this.permits = new Semaphore(settings.poolSize(), true);
    }

    /** Runs the work on a pooled connection (opening one if none is idle) and returns the connection if it worked. */
    <T> T withTransport(TransportWork<T> work) throws MessagingException {
        acquirePermit();
        Pooled pooled = null;
        boolean healthy = false;
        try {
            pooled = borrow();
            T result = work.run(pooled.transport);
            pooled.messages++;
            healthy = true;
            return result;
        } finally {
            if (pooled != null) {
                giveBack(pooled, healthy);
            }
            permits.release();
        }
    }

    /** How many connections this pool has opened so far (for tests and metrics). */
    int connectionsOpened() {
        return opened.get();
    }

    /** How many connections are idle in the pool. */
    int idleConnections() {
        return idle.size();
    }

    @Override
    public void close() {
        closed = true;
        Pooled pooled;
        while ((pooled = idle.pollFirst()) != null) {
            quietlyClose(pooled);
        }
    }

    private void acquirePermit() throws MessagingException {
        try {
            if (!permits.tryAcquire(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new MessagingException("no SMTP connection became free within the read timeout",
                        new SocketTimeoutException("SMTP connection pool exhausted"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for an SMTP connection", e);
        }
    }

    private Pooled borrow() throws MessagingException {
        if (closed) {
            throw new MessagingException("the SMTP connection pool is closed");
        }
        Pooled pooled;
        while ((pooled = idle.pollFirst()) != null) {
            if (pooled.messages >= settings.maxMessagesPerConnection()) {
                quietlyClose(pooled);
                continue;
            }
            Duration idleFor = Duration.between(pooled.lastUsed, clock.instant());
            if (idleFor.compareTo(settings.validateAfterIdle()) >= 0 && !pooled.transport.isConnected()) {
                quietlyClose(pooled);
                continue;
            }
            return pooled;
        }
        return open();
    }

    private Pooled open() throws MessagingException {
        Transport transport = session.getTransport(settings.protocol());
        try {
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
        } catch (MessagingException | RuntimeException e) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection never worked; nothing to close cleanly
            }
            throw e;
        }
        int count = opened.incrementAndGet();
        log.debug("opened SMTP connection #{} to {}:{}", count, settings.host(), settings.port());
        return new Pooled(transport, clock.instant());
    }

    private void giveBack(Pooled pooled, boolean healthy) {
        if (healthy && !closed) {
            pooled.lastUsed = clock.instant();
            idle.offerFirst(pooled);
        } else {
            quietlyClose(pooled);
        }
    }

    private static void quietlyClose(Pooled pooled) {
        try {
            pooled.transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("closing an SMTP connection failed: {}", e.getClass().getSimpleName());
        }
    }

    private static final class Pooled {
        final Transport transport;
        volatile Instant lastUsed;
        int messages;

        Pooled(Transport transport, Instant openedAt) {
            this.transport = transport;
            this.lastUsed = openedAt;
        }
    }
}
