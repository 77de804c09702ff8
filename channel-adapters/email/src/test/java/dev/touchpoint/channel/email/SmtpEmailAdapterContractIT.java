package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.channel.ChannelAdapter;
import dev.touchpoint.channel.ChannelAdapterContract;
import dev.touchpoint.channel.DeliveryFailure;
import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.FailureKind;
import dev.touchpoint.channel.FailureReason;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.OutboundMessage;
import dev.touchpoint.channel.email.ScriptedSmtpServer.Behaviour;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared adapter contract and the SMTP failure paths, against a scripted SMTP server on a loopback port (a real
 * TCP SMTP dialogue with authentication). A fresh adapter per test, so no pooled connection leaks between tests.
 */
class SmtpEmailAdapterContractIT extends ChannelAdapterContract {

    private static final String RECIPIENT = "ada.lovelace@example.org";
    private static ScriptedSmtpServer server;
    private SmtpEmailAdapter adapter;

    @BeforeAll
    static void startServer() throws IOException {
        server = new ScriptedSmtpServer();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void newAdapter() {
        adapter = adapterWith(Duration.ofSeconds(2));
    }

    @AfterEach
    void closeAdapter() {
        adapter.close();
    }

    private static SmtpEmailAdapter adapterWith(Duration validateAfterIdle) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", server.port(), TlsMode.NONE, "touchpoint", "s3cret",
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofSeconds(2), 2, 100, validateAfterIdle,
                "touchpoint.test");
        return new SmtpEmailAdapter(settings, null, null, null, IdempotencyGuard.withDefaults(), Clock.systemUTC());
    }

    @Override
    protected ChannelAdapter adapter() {
        return adapter;
    }

    @Override
    protected OutboundMessage message(String idempotencyKey) {
        return new OutboundMessage(idempotencyKey, "cust-7", RECIPIENT, new EmailContent("Your receipt", null,
                "<p>Thanks</p>", "Thanks", "Shop", "orders@shop.example", null, null, EmailCategory.TRANSACTIONAL));
    }

    @Override
    protected void resetVendor() {
        server.reset();
    }

    @Override
    protected void vendorRejectsRecipient() {
        server.behave(Behaviour.REJECT_RECIPIENT);
    }

    @Override
    protected void vendorFailsTemporarily() {
        server.behave(Behaviour.TEMPORARY_FAILURE);
    }

    @Override
    protected void vendorRejectsCredentials() {
        server.behave(Behaviour.REJECT_AUTH);
    }

    @Override
    protected void vendorStopsAnswering() {
        server.behave(Behaviour.STALL);
    }

    @Override
    protected void vendorAccepts() {
        server.behave(Behaviour.ACCEPT);
    }

    @Override
    protected int acceptedByVendor() {
        return server.accepted().size();
    }

    @Test
    void aRefusedRecipientKeepsTheReplyCodeAndIsAnInvalidAddress() {
        server.behave(Behaviour.REJECT_RECIPIENT);

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
        assertThat(failure.vendorCode()).isEqualTo("550 5.1.1");
        assertThat(failure.vendorMessage()).contains("Recipient address rejected").doesNotContain(RECIPIENT);
    }

    @Test
    void aFiveHundredReplyToTheDataIsPermanent() {
        server.behave(Behaviour.REJECT_DATA);

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(FailureReason.BLOCKED);
        assertThat(failure.vendorCode()).isEqualTo("554 5.7.1");
    }

    @Test
    void aDroppedConnectionIsRetryableAndTheNextSendReconnects() {
        server.behave(Behaviour.DROP_AFTER_DATA);

        DeliveryFailure failure = failureOf(message(newKey()));

        assertThat(failure.kind()).isEqualTo(FailureKind.RETRYABLE);
        assertThat(failure.reason()).isEqualTo(FailureReason.CONNECTION_FAILED);

        server.behave(Behaviour.ACCEPT);
        adapter.send(message(newKey()));
        assertThat(server.accepted()).hasSize(1);
        assertThat(adapter.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aCampaignReusesPooledConnections() {
        for (int i = 0; i < 6; i++) {
            adapter.send(message(newKey()));
        }

        assertThat(server.accepted()).hasSize(6);
        assertThat(adapter.connectionsOpened()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedBeforeUse() {
        adapter.close();
        adapter = adapterWith(Duration.ZERO);
        adapter.send(message(newKey()));

        server.dropAll();
        adapter.send(message(newKey()));

        assertThat(server.accepted()).hasSize(2);
        assertThat(adapter.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aMalformedRecipientIsPermanentWithoutTalkingToTheServer() {
        OutboundMessage valid = message(newKey());
        OutboundMessage malformed = new OutboundMessage(valid.idempotencyKey(), valid.customerId(),
                "not an address", valid.content());

        DeliveryFailure failure = failureOf(malformed);

        assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_ADDRESS);
        assertThat(server.connections()).isZero();
    }
}
