package dev.touchpoint.channel.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KioskTokensTest {

    static final String SECRET = "unit-test-secret-0123456789abcdefghijkl";
    private final KioskTokens tokens = new KioskTokens(SECRET, Map.of("berlin-mitte/vip-1", "issued-elsewhere"));

    @Test
    void aDerivedTokenOpensItsOwnKioskOnly() {
        String token = tokens.derivedToken("berlin-mitte", "entrance-1");

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.verify("berlin-mitte", "entrance-1", token)).isTrue();
        assertThat(tokens.verify("berlin-mitte", "entrance-2", token)).isFalse();
        assertThat(tokens.verify("hamburg", "entrance-1", token)).isFalse();
        assertThat(new KioskTokens(SECRET + "x", Map.of()).verify("berlin-mitte", "entrance-1", token)).isFalse();
    }

    @Test
    void theStoreAndKioskCannotBeShiftedAcrossTheSeparator() {
        String token = tokens.derivedToken("a", "b-c");
        assertThat(tokens.verify("a-b", "c", token)).isFalse();
    }

    @Test
    void aConfiguredTokenReplacesTheDerivedOne() {
        assertThat(tokens.verify("berlin-mitte", "vip-1", "issued-elsewhere")).isTrue();
        assertThat(tokens.verify("berlin-mitte", "vip-1", tokens.derivedToken("berlin-mitte", "vip-1"))).isFalse();
        assertThat(tokens.hasConfiguredToken("berlin-mitte", "vip-1")).isTrue();
        assertThat(tokens.hasConfiguredToken("berlin-mitte", "entrance-1")).isFalse();
    }

    @Test
    void missingOversizedOrMalformedInputIsRefused() {
        String token = tokens.derivedToken("s", "k");
        assertThat(tokens.verify("s", "k", null)).isFalse();
        assertThat(tokens.verify("s", "k", "")).isFalse();
        assertThat(tokens.verify("s", "k", token + "x".repeat(600))).isFalse();
        assertThat(tokens.verify("../s", "k", token)).isFalse();
        assertThat(tokens.verify("s", null, token)).isFalse();
    }

    @Test
    void aShortSecretIsRejectedAndNeverShown() {
        assertThatThrownBy(() -> new KioskTokens("short", Map.of())).hasMessageContaining("32");
        assertThat(tokens.toString()).doesNotContain(SECRET, "issued-elsewhere");
    }

    @Test
    void theRouteKeyDependsOnTheSecretAndDiffersFromEveryToken() {
        assertThat(tokens.routeKey()).isEqualTo(new KioskTokens(SECRET, Map.of()).routeKey())
                .isNotEqualTo(new KioskTokens(SECRET + "!", Map.of()).routeKey());
    }
}
