package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KioskLinksTest {

    static final String SECRET = "links-test-secret-0123456789abcdefghijkl";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String secret, String... args) {
        return KioskLinks.run(args, secret, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneVerifiableLinkPerKiosk() {
        assertThat(run(SECRET, "https://touchpoint.example.com/", "berlin-mitte", "entrance-1", "checkout-2"))
                .isZero();

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        KioskTokens tokens = new KioskTokens(SECRET, Map.of());
        assertThat(lines[0]).isEqualTo("berlin-mitte/entrance-1\thttps://touchpoint.example.com/kiosk/berlin-mitte/"
                + "entrance-1?token=" + tokens.derivedToken("berlin-mitte", "entrance-1"));
        assertThat(lines[1]).startsWith("berlin-mitte/checkout-2\t");
    }

    @Test
    void refusesAMissingSecretBadIdsAndTooFewArguments() {
        assertThat(run(null, "https://x.example", "s", "k")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOUCHPOINT_KIOSK_SECRET");
        assertThat(run(SECRET, "https://x.example", "s")).isEqualTo(2);
        assertThat(run(SECRET, "https://x.example", "s", "../k")).isEqualTo(2);
        assertThat(run(SECRET, "relative/path", "s", "k")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
