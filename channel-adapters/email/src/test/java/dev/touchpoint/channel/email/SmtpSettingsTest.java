package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    private static SmtpSettings settings(String host, TlsMode mode, String user, String password) {
        return new SmtpSettings(host, 587, mode, user, password, Duration.ofSeconds(5), Duration.ofSeconds(7),
                Duration.ofSeconds(9), 3, 50, Duration.ofSeconds(2), null);
    }

    @Test
    void startTlsIsRequiredAndTheServerIdentityChecked() {
        Properties props = settings("smtp.example.com", TlsMode.STARTTLS, "u", "p").sessionProperties();

        assertThat(props).containsEntry("mail.transport.protocol", "smtp")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "5000")
                .containsEntry("mail.smtp.timeout", "7000")
                .containsEntry("mail.smtp.writetimeout", "9000");
    }

    @Test
    void smtpSocketsDoNotWaitForDelayedAcks() throws Exception {
        for (TlsMode mode : TlsMode.values()) {
            SmtpSettings settings = settings(mode == TlsMode.NONE ? "127.0.0.1" : "smtp.example.com", mode, null, null);
            Object factory = settings.sessionProperties().get("mail." + settings.protocol() + ".socketFactory");
            assertThat(factory).as(mode.name()).isInstanceOf(javax.net.SocketFactory.class);
            try (java.net.Socket socket = ((javax.net.SocketFactory) factory).createSocket()) {
                assertThat(socket.getTcpNoDelay()).as(mode + ": TCP_NODELAY").isTrue();
            }
        }
    }

    @Test
    void implicitTlsUsesSmtps() {
        Properties props = settings("smtp.example.com", TlsMode.TLS, null, null).sessionProperties();

        assertThat(props).containsEntry("mail.transport.protocol", "smtps")
                .containsEntry("mail.smtps.ssl.enable", "true")
                .containsEntry("mail.smtps.auth", "false")
                .doesNotContainKey("mail.smtps.starttls.enable");
    }

    @Test
    void aPasswordIsNeverSentInClearToAnotherHostAndNeverPrinted() {
        assertThatThrownBy(() -> settings("smtp.example.com", TlsMode.NONE, "u", "p"))
                .hasMessageContaining("clear text");
        assertThat(settings("127.0.0.1", TlsMode.NONE, "u", "p").authenticates()).isTrue();
        assertThat(settings("localhost", TlsMode.NONE, "u", "p").authenticates()).isTrue();
        assertThat(settings("smtp.example.com", TlsMode.STARTTLS, "u", "hunter2").toString())
                .doesNotContain("hunter2").contains("******");
    }

    @Test
    void usernameAndPasswordGoTogether() {
        assertThatThrownBy(() -> settings("smtp.example.com", TlsMode.STARTTLS, "u", null))
                .hasMessageContaining("together");
        assertThatThrownBy(() -> settings(" ", TlsMode.STARTTLS, null, null)).hasMessageContaining("host");
    }
}
