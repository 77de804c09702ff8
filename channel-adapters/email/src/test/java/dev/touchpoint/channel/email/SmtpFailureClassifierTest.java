package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpFailureClassifierTest {

    private static final String RECIPIENT = "bob.smith@example.org";

    @ParameterizedTest(name = "RCPT {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        550 | 550 5.1.1 <bob.smith@example.org>: Recipient address rejected: User unknown | PERMANENT | INVALID_ADDRESS
        550 | 550 No such user here                                                     | PERMANENT | INVALID_ADDRESS
        553 | 553 5.1.3 Bad recipient address syntax                                     | PERMANENT | INVALID_ADDRESS
        550 | 550 5.2.1 The email account that you tried to reach is disabled            | PERMANENT | UNREACHABLE
        552 | 552 5.2.2 Mailbox full                                                     | PERMANENT | UNREACHABLE
        550 | 550 5.7.1 Service unavailable; client host blocked using Spamhaus           | PERMANENT | BLOCKED
        554 | 554 5.7.1 <bob.smith@example.org>: Relay access denied                      | MISCONFIGURED | AUTHENTICATION_FAILED
        550 | 550 5.7.26 Unauthenticated email is not accepted due to the domain's DMARC  | MISCONFIGURED | SENDER_NOT_CONFIGURED
        450 | 450 4.2.1 Mailbox temporarily unavailable                                   | RETRYABLE | VENDOR_UNAVAILABLE
        451 | 451 4.7.1 Greylisted, please try again later                               | RETRYABLE | VENDOR_UNAVAILABLE
        452 | 452 4.2.2 Mailbox full                                                     | RETRYABLE | VENDOR_UNAVAILABLE
        421 | 421 4.7.28 Our system has detected an unusual rate of mail                  | RETRYABLE | RATE_LIMITED
        """)
    void refusedRecipients(int code, String reply, FailureKind kind, FailureReason reason) throws Exception {
        SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress(RECIPIENT),
                "RCPT TO:<" + RECIPIENT + ">", code, reply);
        SendFailedException wrapper = new SendFailedException("Invalid Addresses", refused);

        DeliveryFailure failure = SmtpFailureClassifier.classify(wrapper, RECIPIENT);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.vendorCode()).startsWith(Integer.toString(code));
        assertThat(failure.getMessage()).doesNotContain(RECIPIENT);
        assertThat(failure.getCause().toString()).doesNotContain(RECIPIENT);
    }

    @ParameterizedTest(name = "DATA {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        554 | 554 5.7.1 Message rejected as spam                  | PERMANENT | BLOCKED
        552 | 552 5.3.4 Message size exceeds fixed maximum size   | PERMANENT | CONTENT_REJECTED
        554 | 554 5.6.0 Message content malformed                 | PERMANENT | CONTENT_REJECTED
        554 | 554 Transaction failed                              | PERMANENT | REJECTED
        451 | 451 4.3.0 Temporary lookup failure                  | RETRYABLE | VENDOR_UNAVAILABLE
        -1  | [EOF]                                               | RETRYABLE | CONNECTION_FAILED
        """)
    void refusedData(int code, String reply, FailureKind kind, FailureReason reason) {
        SMTPSendFailedException refused = new SMTPSendFailedException("DATA", code, reply, null, null, null, null);

        DeliveryFailure failure = SmtpFailureClassifier.classify(refused, RECIPIENT);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.reason()).isEqualTo(reason);
    }

    @Test
    void aRefusedEnvelopeSenderIsOurMisconfiguration() throws Exception {
        SMTPSenderFailedException refused = new SMTPSenderFailedException(new InternetAddress("news@shop.example"),
                "MAIL FROM:<news@shop.example>", 553, "553 5.7.1 Sender address rejected: not owned by user");

        DeliveryFailure failure = SmtpFailureClassifier.classify(refused, RECIPIENT);

        assertThat(failure.kind()).isEqualTo(FailureKind.MISCONFIGURED);
        assertThat(failure.reason()).isEqualTo(FailureReason.SENDER_NOT_CONFIGURED);
        assertThat(failure.vendorCode()).isEqualTo("553 5.7.1");
    }

    @Test
    void anOversizedMessageRefusedAtMailFromIsContent() throws Exception {
        SMTPSenderFailedException refused = new SMTPSenderFailedException(new InternetAddress("news@shop.example"),
                "MAIL FROM:<news@shop.example> SIZE=99999999", 552, "552 5.3.4 Message size exceeds fixed limit");

        assertThat(SmtpFailureClassifier.classify(refused, RECIPIENT).reason())
                .isEqualTo(FailureReason.CONTENT_REJECTED);
    }

    @Test
    void rejectedCredentialsAreMisconfiguredWithTheReplyCode() {
        DeliveryFailure failure = SmtpFailureClassifier.classify(
                new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"), RECIPIENT);

        assertThat(failure.kind()).isEqualTo(FailureKind.MISCONFIGURED);
        assertThat(failure.reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
        assertThat(failure.vendorCode()).isEqualTo("535 5.7.8");
    }

    @Test
    void timeoutsAndRefusedConnectionsAreRetryable() {
        DeliveryFailure timeout = SmtpFailureClassifier.classify(
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")),
                RECIPIENT);
        DeliveryFailure refused = SmtpFailureClassifier.classify(
                new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")),
                RECIPIENT);

        assertThat(timeout.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(timeout.reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(refused.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(refused.reason()).isEqualTo(FailureReason.CONNECTION_FAILED);
    }

    @Test
    void tlsProblemsNeedAnOperator() {
        DeliveryFailure noStartTls = SmtpFailureClassifier.classify(
                new MessagingException("STARTTLS is required but host does not support STARTTLS"), RECIPIENT);
        DeliveryFailure badCertificate = SmtpFailureClassifier.classify(new MessagingException("Could not convert "
                + "socket to TLS", new SSLHandshakeException("PKIX path building failed")), RECIPIENT);

        assertThat(noStartTls.kind()).isEqualTo(FailureKind.MISCONFIGURED);
        assertThat(badCertificate.kind()).isEqualTo(FailureKind.MISCONFIGURED);
    }

    @Test
    void aMalformedAddressIsPermanent() {
        DeliveryFailure failure = SmtpFailureClassifier.classify(
                new AddressException("Missing final '@domain'", RECIPIENT), RECIPIENT);

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
        assertThat(failure.getCause().toString()).doesNotContain(RECIPIENT);
    }
}
