package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.touchpoint.channel.DeliveryReceipt;
import dev.touchpoint.channel.DeliveryStatus;
import dev.touchpoint.channel.EmailCategory;
import dev.touchpoint.channel.EmailContent;
import dev.touchpoint.channel.IdempotencyGuard;
import dev.touchpoint.channel.ListUnsubscribe;
import dev.touchpoint.channel.OutboundMessage;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What arrives at a real SMTP server (GreenMail on a dynamic loopback port): the MIME is parsed with mime4j's strict
 * configuration, its headers and both alternatives are checked, and its DKIM signature is verified by Apache jDKIM
 * (an implementation independent of ours) against the public key.
 */
class SmtpEmailAdapterGreenMailIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String SUBJECT = "Grüße aus Köln – 20 % Rabatt für Sie 🎉";
    private static final String FROM_NAME = "Café Crème, Köln";
    private static final String TEXT = "Hallo Jürgen,\n\nunser Frühlingsangebot: 20 % auf alles.\nÇa va? – Ihr Café\n";
    private static final String HTML = "<!doctype html><html><body><p>Hallo J&uuml;rgen,</p>"
            + "<p>unser Frühlingsangebot: <b>20&nbsp;%</b> auf alles.</p></body></html>";
    private static final ListUnsubscribe UNSUBSCRIBE = new ListUnsubscribe(
            URI.create("https://shop.example/unsubscribe/one-click?t=abc123"),
            URI.create("mailto:unsubscribe@shop.example?subject=unsubscribe-abc123"));

    private static GreenMail greenMail;
    private static KeyPair dkimKeys;
    private static SmtpEmailAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        dkimKeys = generator.generateKeyPair();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DkimSigner dkim = new DkimSigner("shop.example", "tp2026", dkimKeys.getPrivate(),
                DkimSigner.DEFAULT_SIGNED_HEADERS, clock);
        adapter = new SmtpEmailAdapter(SmtpSettings.loopbackRelay("127.0.0.1", greenMail.getSmtp().getPort()), dkim,
                null, "bounces@shop.example", IdempotencyGuard.withDefaults(), clock);
    }

    @AfterAll
    static void stop() {
        adapter.close();
        greenMail.stop();
    }

    @BeforeEach
    void purge() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void marketingMailArrivesAsStrictlyValidMultipartAlternativeWithEncodedHeaders() throws Exception {
        String key = "journey-1:send-offer:" + UUID.randomUUID();
        DeliveryReceipt receipt = adapter.send(marketing(key, "juergen@kunden.example"));

        byte[] raw = receivedRaw();
        Message strict = strictlyParsed(raw);

        assertThat(new String(raw, StandardCharsets.ISO_8859_1).chars().allMatch(c -> c < 0x80))
                .as("7-bit clean: no SMTPUTF8 or 8BITMIME needed").isTrue();
        assertThat(new String(raw, StandardCharsets.US_ASCII).split("\r\n"))
                .allMatch(line -> line.length() <= 998);

        assertThat(strict.getMimeType()).isEqualTo("multipart/alternative");
        Multipart alternatives = (Multipart) strict.getBody();
        assertThat(alternatives.getBodyParts()).hasSize(2);
        assertThat(alternatives.getBodyParts().get(0).getMimeType()).isEqualTo("text/plain");
        assertThat(alternatives.getBodyParts().get(0).getCharset()).isEqualToIgnoringCase("UTF-8");
        assertThat(alternatives.getBodyParts().get(1).getMimeType()).isEqualTo("text/html");
        assertThat(text(alternatives.getBodyParts().get(0).getBody())).isEqualTo(TEXT.replace("\n", "\r\n"));
        assertThat(text(alternatives.getBodyParts().get(1).getBody())).isEqualTo(HTML);

        String rawSubject = strict.getHeader().getField("Subject").getBody();
        assertThat(rawSubject).startsWith("=?UTF-8?").doesNotContain("ü");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(rawSubject))).isEqualTo(SUBJECT);
        String rawFrom = strict.getHeader().getField("From").getBody();
        assertThat(rawFrom).contains("=?UTF-8?");
        InternetAddress from = new InternetAddress(MimeUtility.unfold(rawFrom), true);
        assertThat(from.getPersonal()).isEqualTo(FROM_NAME);
        assertThat(from.getAddress()).isEqualTo("news@shop.example");

        assertThat(strict.getMessageId()).isEqualTo(SmtpEmailAdapter.messageIdFor(key, "shop.example"));
        assertThat(receipt.providerMessageId()).isEqualTo(strict.getMessageId());
        assertThat(receipt.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(new MailDateFormat().parse(strict.getHeader().getField("Date").getBody()).toInstant())
                .isEqualTo(NOW);

        assertThat(strict.getHeader().getField("List-Unsubscribe").getBody().replaceAll("\\s+", " ")).isEqualTo(
                "<https://shop.example/unsubscribe/one-click?t=abc123>, "
                        + "<mailto:unsubscribe@shop.example?subject=unsubscribe-abc123>");
        assertThat(strict.getHeader().getField("List-Unsubscribe-Post").getBody())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(received().getHeader("Return-Path")[0]).contains("bounces@shop.example");
    }

    @Test
    void theDkimSignatureVerifiesIndependentlyAndCoversTheUnsubscribeHeaders() throws Exception {
        adapter.send(marketing("dkim-" + UUID.randomUUID(), "juergen@kunden.example"));

        List<SignatureRecord> verified = verifier().verify(new ByteArrayInputStream(receivedRaw()));

        assertThat(verified).hasSize(1);
        SignatureRecord signature = verified.getFirst();
        assertThat(signature.getDToken().toString()).isEqualTo("shop.example");
        assertThat(signature.getSelector().toString()).isEqualTo("tp2026");
        assertThat(signature.getHeaderCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getBodyCanonicalisationMethod()).isEqualTo("relaxed");
        assertThat(signature.getHeaders()).map(CharSequence::toString)
                .contains("from", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post");
    }

    @Test
    void aTamperedBodyFailsTheDkimCheck() throws Exception {
        adapter.send(marketing("tamper-" + UUID.randomUUID(), "juergen@kunden.example"));
        String raw = new String(receivedRaw(), StandardCharsets.US_ASCII);
        int body = raw.indexOf("\r\n\r\n");
        String tampered = raw.substring(0, body) + raw.substring(body).replaceFirst("Hallo", "Hello");

        assertThat(catchThrowable(() -> verifier().verify(
                new ByteArrayInputStream(tampered.getBytes(StandardCharsets.US_ASCII)))))
                .isInstanceOf(PermFailException.class);
    }

    @Test
    void transactionalMailIsTextOnlyWhenThereIsNoHtmlAndCarriesNoUnsubscribeHeaders() throws Exception {
        adapter.send(new OutboundMessage("tx-" + UUID.randomUUID(), "cust-9", "kim@kunden.example",
                new EmailContent("Ihr Passwort-Code", null, null, "Code: 481516\n", "Shop", "security@shop.example",
                        "help@shop.example", null, EmailCategory.TRANSACTIONAL)));

        Message strict = strictlyParsed(receivedRaw());

        assertThat(strict.getMimeType()).isEqualTo("text/plain");
        // the CRLF before the terminating "." belongs to SMTP, so the stored body may lose its last line break
        assertThat(text(strict.getBody()).stripTrailing()).isEqualTo("Code: 481516");
        assertThat(strict.getHeader().getField("List-Unsubscribe")).isNull();
        assertThat(strict.getHeader().getField("List-Unsubscribe-Post")).isNull();
        assertThat(strict.getHeader().getField("Reply-To").getBody()).isEqualTo("help@shop.example");
    }

    @Test
    void anInternationalDomainIsSentInItsAsciiForm() throws Exception {
        adapter.send(marketing("idn-" + UUID.randomUUID(), "juergen@bücher.example"));

        assertThat(received().getAllRecipients()[0].toString()).isEqualTo("juergen@xn--bcher-kva.example");
    }

    private static OutboundMessage marketing(String key, String recipient) {
        return new OutboundMessage(key, "cust-1", recipient, new EmailContent(SUBJECT, "Frühling", HTML, TEXT,
                FROM_NAME, "news@shop.example", null, UNSUBSCRIBE, EmailCategory.MARKETING));
    }

    private static DKIMVerifier verifier() {
        String publicKey = Base64.getEncoder().encodeToString(dkimKeys.getPublic().getEncoded());
        return new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("tp2026");
            assertThat(domain.toString()).isEqualTo("shop.example");
            return List.of("v=DKIM1; k=rsa; p=" + publicKey);
        });
    }

    private static MimeMessage received() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private static byte[] receivedRaw() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received().writeTo(out);
        return out.toByteArray();
    }

    private static Message strictlyParsed(byte[] raw) throws Exception {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        return builder.parseMessage(new ByteArrayInputStream(raw));
    }

    private static String text(Object body) throws Exception {
        if (body instanceof TextBody text) {
            try (Reader reader = text.getReader()) {
                StringWriter out = new StringWriter();
                reader.transferTo(out);
                return out.toString();
            }
        }
        return new String(((SingleBody) body).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
