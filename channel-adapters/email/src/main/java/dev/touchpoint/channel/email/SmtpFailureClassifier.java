package dev.touchpoint.channel.email;

import dev.touchpoint.channel.Channel;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.PersonalData;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Maps what Jakarta Mail throws to the failure taxonomy. SMTP reply codes decide first (RFC 5321: 4xx transient,
 * 5xx permanent), refined by the enhanced status code (RFC 3463) where the server sent one:
 * <ul>
 *   <li>{@code 535}/{@code 530}, {@code 5.7.8}, or relay refused: MISCONFIGURED (our credentials);</li>
 *   <li>a refused envelope sender, {@code 5.7.23..5.7.27} (SPF/DKIM/DMARC): MISCONFIGURED (our sender domain);</li>
 *   <li>{@code 5.1.x} or 550/553 on RCPT: PERMANENT invalid address; {@code 5.2.x} mailbox disabled or full:
 *       PERMANENT unreachable; other {@code 5.7.x}: PERMANENT blocked; {@code 5.3.4}, {@code 5.6.x}, 552 on DATA:
 *       PERMANENT content rejected;</li>
 *   <li>any 4xx: RETRYABLE; timeouts, refused or dropped connections: RETRYABLE;</li>
 *   <li>a TLS failure or missing STARTTLS support: MISCONFIGURED (the server or our TLS setting is wrong).</li>
 * </ul>
 */
final class SmtpFailureClassifier {

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private SmtpFailureClassifier() {
    }

    static DeliveryFailure classify(Exception error, String recipient) {
        if (error instanceof AddressException) {
            return DeliveryFailure.permanent(Channel.EMAIL, FailureReason.INVALID_ADDRESS)
                    .vendorMessage("recipient address is not a valid ASCII addr-spec")
                    .cause(PersonalData.scrub(error, recipient)).build();
        }
        Throwable smtp = findSmtpReply(error);
        if (smtp != null) {
            return fromReply(smtp, recipient, error);
        }
        if (has(error, AuthenticationFailedException.class)) {
            AuthenticationFailedException auth = find(error, AuthenticationFailedException.class);
            return build(FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED,
                    codeOf(auth.getMessage(), 535), auth.getMessage(), recipient, error);
        }
        if (has(error, SocketTimeoutException.class)) {
            return build(FailureKind.RETRYABLE, FailureReason.TIMEOUT, null,
                    "the SMTP server did not answer in time", recipient, error);
        }
        if (has(error, SSLException.class) || String.valueOf(error.getMessage()).contains("STARTTLS")) {
            return build(FailureKind.MISCONFIGURED, FailureReason.CONNECTION_FAILED, null,
                    "TLS with the SMTP server failed: " + error.getMessage(), recipient, error);
        }
        if (has(error, MailConnectException.class) || has(error, ConnectException.class)
                || has(error, UnknownHostException.class)) {
            return build(FailureKind.RETRYABLE, FailureReason.CONNECTION_FAILED, null,
                    "could not connect to the SMTP server", recipient, error);
        }
        if (has(error, IOException.class) || error instanceof MessagingException) {
            return build(FailureKind.RETRYABLE, FailureReason.CONNECTION_FAILED, null,
                    "the SMTP connection failed: " + error.getMessage(), recipient, error);
        }
        return build(FailureKind.RETRYABLE, FailureReason.VENDOR_UNAVAILABLE, null, error.getMessage(), recipient,
                error);
    }

    private static DeliveryFailure fromReply(Throwable smtp, String recipient, Exception original) {
        int code = switch (smtp) {
            case SMTPAddressFailedException a -> a.getReturnCode();
            case SMTPSenderFailedException s -> s.getReturnCode();
            case SMTPSendFailedException s -> s.getReturnCode();
            default -> throw new IllegalArgumentException("not an SMTP reply: " + smtp.getClass());
        };
        String text = smtp.getMessage() == null ? "" : smtp.getMessage().strip();
        String enhanced = enhancedCode(text);
        String vendorCode = code + (enhanced == null ? "" : " " + enhanced);
        String lower = text.toLowerCase(Locale.ROOT);
        if (code < 200) {
            // Angus reports -1 when the server closed the connection instead of replying
            return build(FailureKind.RETRYABLE, FailureReason.CONNECTION_FAILED, null,
                    "the SMTP server closed the connection without a reply", recipient, original);
        }
        boolean atRecipient = smtp instanceof SMTPAddressFailedException;
        boolean atSender = smtp instanceof SMTPSenderFailedException;

        if (code == 535 || code == 530 || "5.7.8".equals(enhanced)
                || lower.contains("relay") && (code == 550 || code == 554)) {
            return build(FailureKind.MISCONFIGURED, FailureReason.AUTHENTICATION_FAILED, vendorCode, text, recipient,
                    original);
        }
        if (enhanced != null && enhanced.matches("5\\.7\\.2[3-7]")) {
            return build(FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED, vendorCode, text, recipient,
                    original);
        }
        if (code >= 400 && code < 500) {
            FailureReason reason = enhanced != null && enhanced.startsWith("4.7.") && lower.contains("rate")
                    ? FailureReason.RATE_LIMITED : FailureReason.VENDOR_UNAVAILABLE;
            return build(FailureKind.RETRYABLE, reason, vendorCode, text, recipient, original);
        }
        if (atSender) {
            if (code == 552 || "5.3.4".equals(enhanced)) {
                return build(FailureKind.PERMANENT, FailureReason.CONTENT_REJECTED, vendorCode, text, recipient,
                        original);
            }
            return build(FailureKind.MISCONFIGURED, FailureReason.SENDER_NOT_CONFIGURED, vendorCode, text, recipient,
                    original);
        }
        return build(FailureKind.PERMANENT, permanentReason(code, enhanced, atRecipient), vendorCode, text,
                recipient, original);
    }

    private static FailureReason permanentReason(int code, String enhanced, boolean atRecipient) {
        if (enhanced != null) {
            String[] parts = enhanced.split("\\.");
            switch (parts[1]) {
                case "1":
                    return FailureReason.INVALID_ADDRESS;
                case "2":
                    return FailureReason.UNREACHABLE;
                case "3":
                    return "4".equals(parts[2]) ? FailureReason.CONTENT_REJECTED : FailureReason.REJECTED;
                case "6":
                    return FailureReason.CONTENT_REJECTED;
                case "7":
                    return FailureReason.BLOCKED;
                default:
                    break;
            }
        }
        if (atRecipient && (code == 550 || code == 551 || code == 553)) {
            return FailureReason.INVALID_ADDRESS;
        }
        if (code == 552) {
            return atRecipient ? FailureReason.UNREACHABLE : FailureReason.CONTENT_REJECTED;
        }
        return FailureReason.REJECTED;
    }

    private static DeliveryFailure build(FailureKind kind, FailureReason reason, String vendorCode, String text,
                                         String recipient, Throwable cause) {
        return DeliveryFailure.of(Channel.EMAIL, kind, reason).vendorCode(vendorCode)
                .vendorMessage(PersonalData.scrub(text, recipient)).cause(PersonalData.scrub(cause, recipient))
                .build();
    }

    /** The SMTP reply behind the error: a refused recipient or sender first, then a refused transaction. */
    private static Throwable findSmtpReply(Exception error) {
        SMTPAddressFailedException address = find(error, SMTPAddressFailedException.class);
        if (address != null) {
            return address;
        }
        SMTPSenderFailedException sender = find(error, SMTPSenderFailedException.class);
        if (sender != null) {
            return sender;
        }
        return find(error, SMTPSendFailedException.class);
    }

    private static String enhancedCode(String text) {
        Matcher m = ENHANCED.matcher(text);
        return m.find() ? m.group() : null;
    }

    private static String codeOf(String text, int fallback) {
        if (text != null && text.length() >= 3 && text.substring(0, 3).chars().allMatch(Character::isDigit)) {
            String enhanced = enhancedCode(text);
            return text.substring(0, 3) + (enhanced == null ? "" : " " + enhanced);
        }
        return Integer.toString(fallback);
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    /** Searches the cause chain and Jakarta Mail's "next exception" chain. */
    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            Throwable next = current instanceof MessagingException m && m.getNextException() != null
                    ? m.getNextException() : current.getCause();
            current = next == current ? null : next;
        }
        return null;
    }
}
