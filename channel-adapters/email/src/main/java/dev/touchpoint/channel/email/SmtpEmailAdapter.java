package dev.touchpoint.channel.email;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.email.EmailMimeComposer.ComposedEmail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers e-mail over SMTP with Jakarta Mail (Angus): composes the MIME message ({@link EmailMimeComposer}),
 * optionally DKIM-signs it ({@link DkimSigner}), and sends it on a pooled connection ({@link SmtpTransportPool}).
 * The receipt's provider message id is the {@code Message-ID}, derived from the idempotency key; its status is
 * {@link DeliveryStatus#SENT} (the relay accepted responsibility). SMTP errors are mapped by
 * {@link SmtpFailureClassifier}. Logs carry the customer id, the idempotency key and the Message-ID only.
 */
public final class SmtpEmailAdapter implements ChannelAdapter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailAdapter.class);

    private final Session session;
    private final EmailMimeComposer composer;
    private final DkimSigner dkim;
    private final SmtpTransportPool pool;
    private final IdempotencyGuard guard;
    private final Clock clock;
    private volatile boolean relayDeduplicates;

    /**
     * @param settings        the SMTP server and connection pool
     * @param dkim            signs every message, or {@code null} for none
     * @param messageIdDomain the domain of Message-IDs, {@code null} for the sender's domain
     * @param envelopeFrom    the envelope sender (bounce address), {@code null} for the From address
     * @param guard           remembers accepted idempotency keys
     * @param clock           stamps {@code Date} and receipts
     */
    public SmtpEmailAdapter(SmtpSettings settings, DkimSigner dkim, String messageIdDomain, String envelopeFrom,
                            IdempotencyGuard guard, Clock clock) {
        this.session = Session.getInstance(settings.sessionProperties());
        this.composer = new EmailMimeComposer(messageIdDomain, envelopeFrom);
        this.dkim = dkim;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pool = new SmtpTransportPool(session, settings, clock);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        EmailContent content = message.contentAs(EmailContent.class, Channel.EMAIL);
        return guard.deliverOnce(message.idempotencyKey(), () -> MailProviderLookup.call(() -> deliver(message, content)));
    }

    /**
     * Declares that the relay drops a second message with a Message-ID it already accepted; an interrupted attempt
     * is then sent again with the same Message-ID ({@link #priorAttempt}).
     */
    public SmtpEmailAdapter relayDeduplicatesMessageId(boolean deduplicates) {
        this.relayDeduplicates = deduplicates;
        return this;
    }

    /**
     * SMTP has no way to ask a relay what it accepted. The Message-ID is derived from the idempotency key, so a relay
     * that de-duplicates by Message-ID makes a second send harmless; otherwise the outcome stays unknown.
     */
    @Override
    public dev.touchpoint.channel.PriorAttempt priorAttempt(OutboundMessage message) {
        return relayDeduplicates ? new dev.touchpoint.channel.PriorAttempt.ResendIsDeduplicated()
                : new dev.touchpoint.channel.PriorAttempt.Unknown("SMTP cannot ask the relay what it accepted, and the relay"
                        + " is not declared to de-duplicate by Message-ID (touchpoint.channels.email.relay-deduplicates-message-id)");
    }

    /** The Message-ID a message with this key and sender domain gets (to correlate bounces and replies). */
    public static String messageIdFor(String idempotencyKey, String domain) {
        return EmailMimeComposer.messageIdFor(idempotencyKey, domain);
    }

    /** Connections opened so far: a campaign should open about {@code poolSize}, not one per message. */
    public int connectionsOpened() {
        return pool.connectionsOpened();
    }

    @Override
    public void close() {
        pool.close();
    }

    private DeliveryReceipt deliver(OutboundMessage message, EmailContent content) {
        Instant now = clock.instant();
        try {
            ComposedEmail composed = composer.compose(session, message, content, now);
            SMTPMessage wire = dkim == null ? composed.message() : signed(composed.message());
            Address[] recipients = {composed.recipient()};
            pool.withTransport(transport -> {
                transport.sendMessage(wire, recipients);
                return null;
            });
            log.info("email accepted by SMTP relay: customer={} idempotencyKey={} messageId={}",
                    message.customerId(), message.idempotencyKey(), composed.messageId());
            return new DeliveryReceipt(Channel.EMAIL, composed.messageId(), now, DeliveryStatus.SENT);
        } catch (MessagingException e) {
            DeliveryFailure failure = SmtpFailureClassifier.classify(e, message.recipient())
                    .forMessage(message.idempotencyKey());
            log.warn("email not accepted: customer={} idempotencyKey={} kind={} reason={} code={}",
                    message.customerId(), message.idempotencyKey(), failure.kind(), failure.reason(),
                    failure.vendorCode());
            throw failure;
        }
    }

    /** Signs the exact bytes that will be transmitted and re-reads them, so nothing is re-encoded afterwards. */
    private SMTPMessage signed(SMTPMessage message) throws MessagingException {
        byte[] signedBytes = dkim.sign(EmailMimeComposer.wireBytes(message));
        SMTPMessage wire = new SMTPMessage(session, new ByteArrayInputStream(signedBytes));
        wire.setEnvelopeFrom(message.getEnvelopeFrom());
        return wire;
    }
}
