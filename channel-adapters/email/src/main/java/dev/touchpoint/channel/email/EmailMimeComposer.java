package dev.touchpoint.channel.email;

import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.ListUnsubscribe;
import dev.touchpoint.channel.OutboundMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns rendered {@link EmailContent} into the MIME message that goes on the wire: {@code multipart/alternative}
 * with the text part first and the HTML part second (clients show the last part they understand), UTF-8 bodies,
 * RFC 2047 encoded subject and display names, a {@code Message-ID} derived from the idempotency key, {@code Date},
 * and for marketing mail {@code List-Unsubscribe} with {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}.
 */
final class EmailMimeComposer {

    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final String messageIdDomain;
    private final String envelopeFrom;

    /**
     * @param messageIdDomain the domain of generated Message-IDs, {@code null} to use the sender's domain
     * @param envelopeFrom    the SMTP envelope sender (where bounces go), {@code null} to use the From address
     */
    EmailMimeComposer(String messageIdDomain, String envelopeFrom) {
        this.messageIdDomain = blankToNull(messageIdDomain);
        this.envelopeFrom = blankToNull(envelopeFrom);
    }

    /**
     * The Message-ID a message with this idempotency key gets: the same key always yields the same id, so a
     * receiving system can drop a duplicate, and the id reveals nothing about the key.
     */
    static String messageIdFor(String idempotencyKey, String domain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<tp." + HexFormat.of().formatHex(digest, 0, 20) + "@" + domain.toLowerCase(Locale.ROOT) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The recipient as an address to send to, international domain names converted to ASCII (IDNA). */
    static InternetAddress recipientAddress(String recipient) throws AddressException {
        String trimmed = recipient.strip();
        int at = trimmed.lastIndexOf('@');
        if (at < 1 || at == trimmed.length() - 1) {
            throw new AddressException("the recipient is not an addr-spec");
        }
        String local = trimmed.substring(0, at);
        if (!local.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new AddressException("the recipient's local part is not ASCII (SMTPUTF8 is not used)");
        }
        String domain;
        try {
            domain = IDN.toASCII(trimmed.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new AddressException("the recipient's domain is not a valid host name");
        }
        InternetAddress address = new InternetAddress(local + "@" + domain, true);
        address.validate();
        return address;
    }

    /** A message ready to send, with the Message-ID fixed and the headers updated. */
    ComposedEmail compose(Session session, OutboundMessage message, EmailContent content, Instant now)
            throws MessagingException {
        InternetAddress to = recipientAddress(message.recipient());
        InternetAddress from = senderAddress(content.fromAddress(), content.fromName());
        String domain = messageIdDomain != null ? messageIdDomain
                : content.fromAddress().substring(content.fromAddress().lastIndexOf('@') + 1);
        String messageId = messageIdFor(message.idempotencyKey(), domain);

        FixedIdMessage mime = new FixedIdMessage(session, messageId);
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, to);
        if (content.replyTo() != null) {
            mime.setReplyTo(new InternetAddress[] {new InternetAddress(content.replyTo(), true)});
        }
        mime.setSubject(content.subject(), "UTF-8");
        mime.setSentDate(Date.from(now));
        if (content.marketing()) {
            ListUnsubscribe unsubscribe = content.listUnsubscribe();
            mime.setHeader(LIST_UNSUBSCRIBE, MimeUtility.fold(LIST_UNSUBSCRIBE.length() + 2, unsubscribe.headerValue()));
            mime.setHeader(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        }
        if (content.html() == null) {
            mime.setText(crlf(content.text()), "UTF-8", "plain");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(crlf(content.text()), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(crlf(content.html()), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);
            mime.setContent(alternative);
        }
        mime.setEnvelopeFrom(envelopeFrom != null ? envelopeFrom : content.fromAddress());
        mime.saveChanges();
        return new ComposedEmail(mime, to, messageId);
    }

    /** The message exactly as it will be transmitted: CRLF line ends throughout (what DKIM signs). */
    static byte[] wireBytes(SMTPMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not serialise the message", e);
        }
        return canonicalLineEnds(out.toByteArray());
    }

    /** Bare CR and bare LF become CRLF, as SMTP transmits them. */
    static byte[] canonicalLineEnds(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 32);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static InternetAddress senderAddress(String address, String name) throws MessagingException {
        try {
            InternetAddress from = new InternetAddress(address, name, "UTF-8");
            from.validate();
            return from;
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A composed message, its SMTP recipient and its Message-ID. */
    record ComposedEmail(SMTPMessage message, InternetAddress recipient, String messageId) {
    }

    /** Keeps the Message-ID we derived when Jakarta Mail updates the headers. */
    static final class FixedIdMessage extends SMTPMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
