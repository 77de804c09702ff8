package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.OutboundMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmailMimeComposerTest {

    private final Session session = Session.getInstance(new Properties());

    @Test
    void theMessageIdIsDerivedFromTheKeyAloneAndRevealsNothing() {
        String first = EmailMimeComposer.messageIdFor("pi-1:el-2", "Shop.Example");

        assertThat(first).isEqualTo(EmailMimeComposer.messageIdFor("pi-1:el-2", "shop.example"))
                .matches("<tp\\.[0-9a-f]{40}@shop\\.example>")
                .doesNotContain("pi-1");
        assertThat(EmailMimeComposer.messageIdFor("pi-1:el-3", "shop.example")).isNotEqualTo(first);
    }

    @Test
    void recipientsAreAsciiAddrSpecsWithIdnDomains() throws Exception {
        assertThat(EmailMimeComposer.recipientAddress(" kim@bücher.example ").getAddress())
                .isEqualTo("kim@xn--bcher-kva.example");
        assertThatThrownBy(() -> EmailMimeComposer.recipientAddress("jürgen@example.com"))
                .isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> EmailMimeComposer.recipientAddress("a@b@c"))
                .isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> EmailMimeComposer.recipientAddress("nobody"))
                .isInstanceOf(AddressException.class);
    }

    @Test
    void theMessageIdDomainAndEnvelopeSenderCanBeConfigured() throws Exception {
        EmailMimeComposer composer = new EmailMimeComposer("mail.shop.example", "bounce@shop.example");
        OutboundMessage message = new OutboundMessage("k-1", "c-1", "kim@example.org", new EmailContent("Hi", null,
                null, "Hello", null, "news@shop.example", null, null, EmailCategory.TRANSACTIONAL));

        EmailMimeComposer.ComposedEmail composed = composer.compose(session, message,
                (EmailContent) message.content(), Instant.parse("2026-03-01T08:00:00Z"));

        assertThat(composed.messageId()).endsWith("@mail.shop.example>");
        assertThat(composed.message().getMessageID()).isEqualTo(composed.messageId());
        assertThat(composed.message().getEnvelopeFrom()).isEqualTo("bounce@shop.example");
        String wire = new String(EmailMimeComposer.wireBytes(composed.message()), StandardCharsets.US_ASCII);
        assertThat(wire).contains("Date: Sun, 1 Mar 2026").contains("MIME-Version: 1.0");
    }

    @Test
    void lineEndsBecomeCrlfAsOnTheWire() {
        byte[] canonical = EmailMimeComposer.canonicalLineEnds("a\nb\rc\r\nd".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(canonical, StandardCharsets.US_ASCII)).isEqualTo("a\r\nb\r\nc\r\nd");
    }

    @Test
    void lineBreaksInTheSubjectOrTheSenderNameNeverSplitAHeader() throws Exception {
        for (String injected : new String[]{"Hi Ana\r\nBcc: evil@example.com", "Hi Ana\nBcc: evil@example.com",
                "Hi Ana\rBcc: evil@example.com"}) {
            assertThatThrownBy(() -> new EmailContent(injected, null, null, "Hello", null, "news@shop.example", null, null,
                    EmailCategory.TRANSACTIONAL)).as(injected).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("subject must not contain line breaks");
            assertThatThrownBy(() -> new EmailContent("Hi", null, null, "Hello", injected, "news@shop.example", null, null,
                    EmailCategory.TRANSACTIONAL)).as(injected).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fromName must not contain line breaks");
        }
        // Unicode line separators are not SMTP line ends: they are encoded (RFC 2047) inside the one header
        EmailMimeComposer composer = new EmailMimeComposer("mail.shop.example", null);
        for (String unicode : new String[]{"Hi Ana\u0085Bcc: evil@example.com", "Hi Ana\u2028Bcc: evil@example.com"}) {
            OutboundMessage message = new OutboundMessage("k-1", "c-1", "kim@example.org", new EmailContent(unicode, null,
                    null, "Hello", unicode, "news@shop.example", null, null, EmailCategory.TRANSACTIONAL));
            EmailMimeComposer.ComposedEmail composed = composer.compose(session, message, (EmailContent) message.content(),
                    Instant.parse("2026-03-01T08:00:00Z"));
            String wire = new String(EmailMimeComposer.wireBytes(composed.message()), StandardCharsets.US_ASCII);
            String headers = wire.substring(0, wire.indexOf("\r\n\r\n"));
            assertThat(headers).doesNotContainPattern("(?m)^Bcc:");
            assertThat(composed.message().getRecipients(jakarta.mail.Message.RecipientType.BCC)).isNull();
        }
    }
}
