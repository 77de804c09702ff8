package dev.touchpoint.brand.preview;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.Brands;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.brand.RenderedEmail;
import dev.touchpoint.brand.SenderIdentity;
import dev.touchpoint.brand.TemplateDescriptor;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written MIME is valid: Jakarta Mail (Angus) parses it strictly into a multipart/alternative whose text and
 * HTML parts decode to exactly what was rendered, with headers decoded back to the original text.
 */
class EmlWriterTest {

    private static final ZonedDateTime DATE = ZonedDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.ofHours(1));

    private static Session strictSession() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "true");
        properties.setProperty("mail.mime.decodetext.strict", "true");
        properties.setProperty("mail.mime.parameters.strict", "true");
        properties.setProperty("mail.mime.allowutf8", "false");
        properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "false");
        properties.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "false");
        properties.setProperty("mail.mime.multipart.allowempty", "false");
        return Session.getInstance(properties);
    }

    static void assertValidMime(byte[] eml, RenderedEmail email) throws Exception {
        String raw = new String(eml, StandardCharsets.US_ASCII);
        for (byte b : eml) {
            assertThat(b & 0xFF).as("7-bit clean").isLessThan(128);
        }
        assertThat(raw.replace("\r\n", "")).as("only CRLF line ends").doesNotContain("\r", "\n");
        for (String line : raw.split("\r\n")) {
            assertThat(line.length()).as("line length: %s", line).isLessThanOrEqualTo(998);
        }
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        for (String line : body.split("\r\n")) {
            assertThat(line.length()).as("body line: %s", line).isLessThanOrEqualTo(76);
        }

        MimeMessage message = new MimeMessage(strictSession(), new ByteArrayInputStream(eml));
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        assertThat(message.getSubject()).isEqualTo(email.subject());
        InternetAddress from = InternetAddress.parseHeader(message.getHeader("From", null), true)[0];
        assertThat(from.getPersonal()).isEqualTo(email.from().displayName());
        assertThat(from.getAddress()).isEqualTo(email.from().address());
        assertThat(InternetAddress.parseHeader(message.getHeader("Reply-To", null), true)[0].getAddress())
                .isEqualTo(email.replyTo().address());
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getMessageID()).matches("<[0-9a-f]{24}\\.[a-z-]+@[a-z.]+>");
        if (email.listUnsubscribe().isPresent()) {
            assertThat(MimeUtility.unfold(message.getHeader("List-Unsubscribe", null)))
                    .isEqualTo(email.listUnsubscribe().get().headerValue());
            assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        } else {
            assertThat(message.getHeader("List-Unsubscribe")).isNull();
        }

        Multipart multipart = (Multipart) message.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        BodyPart text = multipart.getBodyPart(0);
        BodyPart html = multipart.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(text.getContentType()).contains("charset=UTF-8");
        assertThat(normalise((String) text.getContent())).isEqualTo(normalise(email.text()));
        assertThat(normalise((String) html.getContent())).isEqualTo(normalise(email.html()));
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n");
    }

    @Test
    void every_email_template_and_locale_writes_valid_mime() throws Exception {
        BrandDesignSystem brand = Brands.shipped();
        int checked = 0;
        for (TemplateDescriptor template : brand.templates()) {
            if (!template.supports(Channel.EMAIL)) {
                continue;
            }
            for (String locale : brand.locales()) {
                RenderedEmail email = brand.renderEmail(Brands.sample(template.id(), Channel.EMAIL, locale));
                assertValidMime(EmlWriter.bytes(email, PreviewWriter.PREVIEW_RECIPIENT, DATE), email);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(28);
    }

    @Test
    void the_preview_command_writes_eml_files_that_parse_as_text_and_html_alternatives(@TempDir Path out)
            throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = PreviewCommand.run(new String[]{"cart-reminder", "order-shipped", "--channel", "email",
                "--out", out.toString()}, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Brands.CLOCK);
        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        for (String template : new String[]{"cart-reminder", "order-shipped"}) {
            for (String locale : Brands.shipped().locales()) {
                Path eml = out.resolve(template).resolve(locale).resolve("email.eml");
                assertThat(eml).isRegularFile();
                RenderedEmail email = Brands.shipped().renderEmail(Brands.sample(template, Channel.EMAIL, locale));
                assertValidMime(Files.readAllBytes(eml), email);
                assertThat(out.resolve(template).resolve(locale).resolve("email.html")).hasContent(email.html());
            }
        }
    }

    @Test
    void long_non_ascii_subjects_become_encoded_words_of_at_most_76_characters() throws Exception {
        String subject = "歡迎加入 Aster & Oak：首張訂單立減 15% – 這是一個非常長的主旨，用來測試編碼字的拆分 😜 と日本語も";
        String encoded = EmlWriter.unstructured(subject, "Subject".length());
        String[] lines = ("Subject: " + encoded).split("\r\n");
        assertThat(lines.length).isGreaterThan(1);
        for (String line : lines) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(encoded))).isEqualTo(subject);
        assertThat(EmlWriter.unstructured("Plain ASCII subject", 7)).isEqualTo("Plain ASCII subject");
        assertThat(EmlWriter.address(new SenderIdentity("Jürgen \"JJ\" Oak", "j@asteroak.example")))
                .startsWith("=?UTF-8?B?");
        assertThat(EmlWriter.address(new SenderIdentity("Oak, \"Care\"", "c@asteroak.example")))
                .isEqualTo("\"Oak, \\\"Care\\\"\" <c@asteroak.example>");
    }

    @Test
    void quoted_printable_keeps_lines_short_and_encodes_what_must_be_encoded() throws Exception {
        String text = "a".repeat(200) + "\n.leading dot\ntrailing space \nüñí=code\n" + "字".repeat(40);
        String encoded = EmlWriter.quotedPrintable(text);
        for (String line : encoded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line).doesNotEndWith(" ");
        }
        assertThat(encoded).contains("=2Eleading dot", "trailing space=20", "=3Dcode", "=C3=BC");
        byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)),
                "quoted-printable").readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(text.replace("\n", "\r\n"));
    }
}
