package dev.touchpoint.ingress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoint.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2031-03-04T05:06:07Z");
    private final TestClock clock = new TestClock(NOW);
    private final SourceAuthenticator authenticator = new SourceAuthenticator(Map.of(
            "shop", new IngressProperties.Source(List.of("new-key", "old-key"), List.of("s3cret")),
            "legacy", new IngressProperties.Source(List.of(), List.of("s3cret"), true),
            "pos", new IngressProperties.Source(List.of("pos-key"), List.of())), Duration.ofMinutes(5), clock);
    private final byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    private final long now = NOW.getEpochSecond();
    private final String ts = Long.toString(now);

    @Test
    void anyCurrentKeyOfTheNamedSourceAuthenticates() {
        assertThat(authenticator.authenticate("shop", "old-key", null, body)).contains("shop");
        assertThat(authenticator.authenticate("shop", "new-key", null, body)).contains("shop");
        assertThat(authenticator.authenticate("pos", "new-key", null, body)).as("keys are per source").isEmpty();
        assertThat(authenticator.authenticate("nobody", "new-key", null, body)).isEmpty();
        assertThat(authenticator.authenticate(null, "new-key", null, body)).isEmpty();
    }

    @Test
    void theHmacMustCoverTheTimestampAndTheExactBody() {
        String signature = SourceAuthenticator.signature("s3cret", now, body);
        assertThat(authenticator.authenticate("shop", null, signature, ts, body)).contains("shop");
        assertThat(authenticator.authenticate("shop", null, signature, ts, "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(authenticator.authenticate("shop", null, signature, Long.toString(now + 1), body)).as("timestamp is signed").isEmpty();
        assertThat(authenticator.authenticate("shop", null, "v1=zz", ts, body)).isEmpty();
        assertThat(authenticator.authenticate("pos", null, signature, ts, body)).isEmpty();
    }

    @Test
    void aSignedRequestIsAcceptedOnlyWithinTheReplayWindow() {
        String signature = SourceAuthenticator.signature("s3cret", now, body);
        clock.advance(Duration.ofMinutes(5));
        assertThat(authenticator.authenticate("shop", null, signature, ts, body)).as("at the edge of the window").contains("shop");
        clock.advance(Duration.ofSeconds(1));
        assertThat(authenticator.beforeBody("shop", null, signature, ts)).as("replayed later").isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.authenticate("shop", null, signature, ts, body)).isEmpty();
        clock.set(NOW.minus(Duration.ofMinutes(6)));
        assertThat(authenticator.authenticate("shop", null, signature, ts, body)).as("from the future (a clock far ahead)").isEmpty();
        assertThat(authenticator.beforeBody("shop", null, signature, null)).as("no timestamp").isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("shop", null, signature, "yesterday")).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
    }

    @Test
    void theUntimestampedSignatureIsAcceptedOnlyFromSourcesThatStillAllowIt() {
        String legacy = SourceAuthenticator.signature("s3cret", body);
        assertThat(authenticator.authenticate("legacy", null, legacy, body)).contains("legacy");
        assertThat(authenticator.authenticate("legacy", null, legacy, "{\"a\":2}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(authenticator.beforeBody("shop", null, legacy)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.authenticate("shop", null, legacy, body)).as("replayable: refused by default").isEmpty();
        assertThat(authenticator.authenticate("legacy", null, SourceAuthenticator.signature("s3cret", now, body), ts, body))
                .as("a legacy source may move to the timestamped scheme").contains("legacy");
    }

    @Test
    void theHeadersAloneDecideWhetherTheBodyIsReadAtAll() {
        String signature = SourceAuthenticator.signature("s3cret", now, body);
        assertThat(authenticator.beforeBody("shop", "new-key", null, null)).isEqualTo(SourceAuthenticator.Verdict.AUTHENTICATED);
        assertThat(authenticator.beforeBody("shop", "wrong", null, null)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("shop", null, null, null)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("nobody", "new-key", signature, ts)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody(null, null, signature, ts)).isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("shop", null, signature, ts)).isEqualTo(SourceAuthenticator.Verdict.NEEDS_BODY);
        assertThat(authenticator.beforeBody("shop", "wrong", signature, ts)).isEqualTo(SourceAuthenticator.Verdict.NEEDS_BODY);
        assertThat(authenticator.beforeBody("shop", null, "v1=zz", ts)).as("malformed").isEqualTo(SourceAuthenticator.Verdict.REFUSED);
        assertThat(authenticator.beforeBody("pos", null, signature, ts)).as("pos has no HMAC secret").isEqualTo(SourceAuthenticator.Verdict.REFUSED);
    }
}
