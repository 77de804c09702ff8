package dev.touchpoint.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DkimSignerTest {

    private static KeyPair keys;
    private static DkimSigner signer;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        signer = new DkimSigner("example.com", "sel", keys.getPrivate(), DkimSigner.DEFAULT_SIGNED_HEADERS,
                // safely in the past on any machine: the verifier refuses signatures dated in its future
                Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    /** The example of RFC 6376 section 3.4.5. */
    @Test
    void relaxedCanonicalisationFollowsTheRfcExample() {
        assertThat(DkimSigner.relaxedHeader("A", " X\r\n")).isEqualTo("a:X");
        assertThat(DkimSigner.relaxedHeader("B ", " Y\t\r\n\tZ  \r\n")).isEqualTo("b:Y Z");
        byte[] body = " C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(DkimSigner.relaxedBody(body), StandardCharsets.US_ASCII)).isEqualTo(" C\r\nD E\r\n");
        assertThat(DkimSigner.relaxedBody("\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(new String(DkimSigner.relaxedBody("no final break".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII)).isEqualTo("no final break\r\n");
    }

    @Test
    void aSignedMessageVerifiesAndSurvivesWhitespaceRewrapping() throws Exception {
        String message = "From: Shop <news@example.com>\r\nTo: a@example.org\r\nSubject: Hello\r\n"
                + " folded\r\nDate: Thu, 1 Jan 2026 00:00:00 +0000\r\nX-Unsigned: 1\r\n\r\nBody line  \r\n\r\n";
        byte[] signed = signer.sign(message.getBytes(StandardCharsets.US_ASCII));
        String text = new String(signed, StandardCharsets.US_ASCII);

        assertThat(text).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel;");
        assertThat(text).contains("h=from:subject:date:to;").contains("t=1577836800;");
        assertThat(verifier().verify(new ByteArrayInputStream(signed))).hasSize(1);

        // relaxed canonicalisation tolerates what relays do to whitespace...
        String rewrapped = text.replace("Subject: Hello\r\n folded", "Subject:   Hello\r\n\t folded")
                .replace("Body line  \r\n", "Body line\r\n");
        assertThat(verifier().verify(new ByteArrayInputStream(rewrapped.getBytes(StandardCharsets.US_ASCII))))
                .hasSize(1);
        // ...but not a changed word
        String changed = text.replace("Subject: Hello", "Subject: Hallo");
        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(
                changed.getBytes(StandardCharsets.US_ASCII)))).isInstanceOf(PermFailException.class);
    }

    @Test
    void keysAreReadFromPkcs8PemAndPkcs1IsExplained() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThat(DkimSigner.readPrivateKey(pem)).isEqualTo(keys.getPrivate());
        assertThatThrownBy(() -> DkimSigner.readPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"))
                .hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> DkimSigner.readPrivateKey("-----BEGIN PRIVATE KEY-----\nnot base64!\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weakKeysAndUnsignedFromAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        KeyPair weak = generator.generateKeyPair();

        assertThatThrownBy(() -> new DkimSigner("example.com", "sel", weak.getPrivate(),
                DkimSigner.DEFAULT_SIGNED_HEADERS, Clock.systemUTC())).hasMessageContaining("1024");
        assertThatThrownBy(() -> new DkimSigner("example.com", "sel", keys.getPrivate(), List.of("subject"),
                Clock.systemUTC())).hasMessageContaining("From");
        assertThatThrownBy(() -> new DkimSigner("example.com; x=1", "sel", keys.getPrivate(),
                DkimSigner.DEFAULT_SIGNED_HEADERS, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    private static DKIMVerifier verifier() {
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        return new DKIMVerifier((method, selector, domain) -> List.of("v=DKIM1; k=rsa; p=" + publicKey));
    }
}
