package dev.touchpoint.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChannelAdapter} must do, checked at the wire against a real vendor stand-in on loopback (an SMTP
 * server, WireMock answering like the vendor's API). Each adapter module has one test class extending this one; it
 * wires the adapter to its stand-in with a short read timeout and implements the vendor hooks below.
 *
 * <p>Shipped in the {@code channel-adapter-api} test-jar: depend on it with {@code <type>test-jar</type>} in test
 * scope, together with JUnit Jupiter and AssertJ.
 */
public abstract class ChannelAdapterContract {

    /** The adapter under test, talking to the stand-in. The same instance for every test of the class is fine. */
    protected abstract ChannelAdapter adapter();

    /** A valid message for the adapter's channel, to a recipient the stand-in accepts unless told otherwise. */
    protected abstract OutboundMessage message(String idempotencyKey);

    /** Forget everything the stand-in received and make it accept messages. Runs before every test. */
    protected abstract void resetVendor();

    /** From now on the stand-in refuses the recipient for good, quoting the recipient address in its reply. */
    protected abstract void vendorRejectsRecipient();

    /** From now on the stand-in answers with a temporary error (HTTP 5xx, SMTP 4xx). */
    protected abstract void vendorFailsTemporarily();

    /** From now on the stand-in refuses the adapter's credentials. */
    protected abstract void vendorRejectsCredentials();

    /** From now on the stand-in accepts the connection but does not answer within the adapter's timeout. */
    protected abstract void vendorStopsAnswering();

    /** From now on the stand-in accepts messages again (without forgetting what it received). */
    protected abstract void vendorAccepts();

    /** How many messages the stand-in accepted since the last {@link #resetVendor()}. */
    protected abstract int acceptedByVendor();

    @BeforeEach
    void resetStandIn() {
        resetVendor();
    }

    @Test
    void anAcceptedMessageYieldsAReceiptForTheAdaptersChannel() {
        DeliveryReceipt receipt = adapter().send(message(newKey()));

        assertThat(receipt.channel()).isEqualTo(adapter().channel());
        assertThat(receipt.providerMessageId()).isNotBlank();
        assertThat(receipt.acceptedAt()).isNotNull();
        assertThat(receipt.status()).isIn(DeliveryStatus.QUEUED, DeliveryStatus.SENT);
        assertThat(acceptedByVendor()).isEqualTo(1);
    }

    @Test
    void aRefusedRecipientIsAPermanentFailure() {
        vendorRejectsRecipient();

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isNotNull();
        assertThat(failure.vendorCode()).isNotBlank();
        assertThat(failure.channel()).isEqualTo(adapter().channel());
        assertThat(acceptedByVendor()).isZero();
    }

    @Test
    void aTemporaryVendorErrorIsRetryable() {
        vendorFailsTemporarily();

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.vendorCode()).isNotBlank();
    }

    @Test
    void rejectedCredentialsAreAMisconfiguration() {
        vendorRejectsCredentials();

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.MISCONFIGURED);
        assertThat(failure.reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
    }

    @Test
    void aVendorThatDoesNotAnswerInTimeIsARetryableTimeout() {
        vendorStopsAnswering();

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.TIMEOUT);
    }

    @Test
    void theSameIdempotencyKeyIsDeliveredOnce() {
        OutboundMessage message = message(newKey());

        DeliveryReceipt first = adapter().send(message);
        DeliveryReceipt second = adapter().send(message);

        assertThat(second).isEqualTo(first);
        assertThat(acceptedByVendor()).isEqualTo(1);
    }

    @Test
    void aRetryAfterARetryableFailureDelivers() {
        OutboundMessage message = message(newKey());
        vendorFailsTemporarily();
        assertThat(failureOf(message).kind()).isEqualTo(FailureKind.RETRYABLE);

        vendorAccepts();
        DeliveryReceipt receipt = adapter().send(message);

        assertThat(receipt.providerMessageId()).isNotBlank();
        assertThat(acceptedByVendor()).isEqualTo(1);
    }

    @Test
    void aFailureCarriesNoPersonalData() {
        OutboundMessage message = message(newKey());
        vendorRejectsRecipient();

        DeliveryFailure failure = failureOf(message);

        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(message.recipient());
            assertThat(t.toString()).doesNotContain(message.recipient());
        }
        assertThat(String.valueOf(failure.vendorMessage())).doesNotContain(message.recipient());
        assertThat(failure.idempotencyKey()).isEqualTo(message.idempotencyKey());
    }

    @Test
    void contentForAnotherChannelIsRefusedBeforeReachingTheVendor() {
        OutboundMessage valid = message(newKey());
        RenderedContent foreign = adapter().channel() == Channel.KIOSK
                ? new SmsContent("not for a kiosk")
                : new KioskContent("<p>not for this channel</p>", "not for this channel", Duration.ofSeconds(5));
        OutboundMessage wrong = new OutboundMessage(valid.idempotencyKey(), valid.customerId(), valid.recipient(),
                foreign);

        assertThatThrownBy(() -> adapter().send(wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(acceptedByVendor()).isZero();
    }

    /** Sends and returns the failure; fails the test if the send succeeded. */
    protected DeliveryFailure failureOf(OutboundMessage message) {
        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> adapter().send(message));
        assertThat(failure).as("send should have failed").isNotNull();
        return failure;
    }

    /** A fresh idempotency key. */
    protected static String newKey() {
        return "contract-" + UUID.randomUUID();
    }
}
