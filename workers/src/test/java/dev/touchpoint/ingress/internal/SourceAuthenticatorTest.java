package dev.touchpoint.ingress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAuthenticatorTest {

    private final SourceAuthenticator authenticator = new SourceAuthenticator(Map.of(
            "shop", new IngressProperties.Source(List.of("new-key", "old-key"), List.of("s3cret")),
            "pos", new IngressProperties.Source(List.of("pos-key"), List.of())));
    private final byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anyCurrentKeyOfTheNamedSourceAuthenticates() {
        assertThat(authenticator.authenticate("shop", "old-key", null, body)).contains("shop");
        assertThat(authenticator.authenticate("shop", "new-key", null, body)).contains("shop");
        assertThat(authenticator.authenticate("pos", "new-key", null, body)).as("keys are per source").isEmpty();
        assertThat(authenticator.authenticate("nobody", "new-key", null, body)).isEmpty();
        assertThat(authenticator.authenticate(null, "new-key", null, body)).isEmpty();
    }

    @Test
    void theHmacMustCoverTheExactBody() {
        String signature = SourceAuthenticator.signature("s3cret", body);
        assertThat(authenticator.authenticate("shop", null, signature, body)).contains("shop");
        assertThat(authenticator.authenticate("shop", null, signature, "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(authenticator.authenticate("shop", null, "sha256=zz", body)).isEmpty();
        assertThat(authenticator.authenticate("pos", null, signature, body)).isEmpty();
    }

    @Test
    void theHeadersAloneDecideWhetherTheBodyIsReadAtAll() {
        String signature = SourceAuthenticator.signature("s3cret", body);
        assertThat(authenticator.beforeBody("shop", "new-key", null)).isEqualTo(SourceAuthenticator.Verdict.AUTHENTICATED);
        assertThat(authenticator.beforeBody("shop", "wrong", null)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("shop", null, null)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("nobody", "new-key", signature)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody(null, null, signature)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("shop", null, signature)).isEqualTo(SourceAuthenticator.Verdict.NEEDS_BODY);
        assertThat(authenticator.beforeBody("shop", "wrong", signature)).isEqualTo(SourceAuthenticator.Verdict.NEEDS_BODY);
        assertThat(authenticator.beforeBody("shop", null, "sha256=zz")).as("malformed").isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("pos", null, signature)).as("pos has no HMAC secret").isEqualTo(SourceAuthenticator.Verdict.REFUSED);
    }
}
