package dev.touchpoint.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackingLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final TrackingLinks links = links(Clock.fixed(NOW, ZoneOffset.UTC), "current-secret-0123456789", "old-secret-0123456789");

    private static TrackingLinks links(Clock clock, String current, String... previous) {
        return new TrackingLinks(TrackingLinks.secrets(current, List.of(previous)), Duration.ofDays(90), clock);
    }

    private static String token(String path, String prefix) {
        return path.substring(prefix.length()).replace(".gif", "");
    }

    @Test
    void aClickLinkCarriesOnlyTheUrlItWasSignedFor() {
        String path = links.clickPath("c-1", "msg-1", "https://shop.example.com/cart?x=1");
        TrackingLinks.TrackedLink link = links.verify(token(path, TrackingLinks.CLICK_PREFIX), TrackingLinks.Kind.CLICK).orElseThrow();
        assertThat(link.url()).isEqualTo("https://shop.example.com/cart?x=1");
        assertThat(link.customerId()).isEqualTo("c-1");
        assertThat(link.messageId()).isEqualTo("msg-1");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = token(links.clickPath("c-1", "msg-1", "https://shop.example.com/"), TrackingLinks.CLICK_PREFIX);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String evil = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("https://shop.example.com/", "https://evil.example.net/").getBytes(StandardCharsets.UTF_8));
        assertThat(links.verify(evil + token.substring(token.indexOf('.')), TrackingLinks.Kind.CLICK)).isEmpty();
        assertThat(links.verify(token.substring(0, token.length() - 2) + "AA", TrackingLinks.Kind.CLICK)).isEmpty();
        assertThat(links.verify("garbage", TrackingLinks.Kind.CLICK)).isEmpty();
        assertThat(links.verify(token, TrackingLinks.Kind.OPEN)).as("a click token is no open token").isEmpty();
    }

    @Test
    void tokensExpireAndRotatedSecretsStillVerify() {
        TrackingLinks signedWithOld = links(Clock.fixed(NOW, ZoneOffset.UTC), "old-secret-0123456789");
        String oldToken = token(signedWithOld.openPixelPath("c-1", "m-1"), TrackingLinks.OPEN_PREFIX);
        assertThat(links.verify(oldToken, TrackingLinks.Kind.OPEN)).isPresent();
        assertThat(links(Clock.fixed(NOW, ZoneOffset.UTC), "brand-new-secret-0123456789").verify(oldToken, TrackingLinks.Kind.OPEN)).isEmpty();
        TrackingLinks later = links(Clock.fixed(NOW.plus(Duration.ofDays(91)), ZoneOffset.UTC), "current-secret-0123456789");
        assertThat(later.verify(token(links.openPixelPath("c-1", "m-1"), TrackingLinks.OPEN_PREFIX), TrackingLinks.Kind.OPEN)).isEmpty();
    }

    @Test
    void onlyAbsoluteHttpLinksCanBeSigned() {
        assertThatThrownBy(() -> links.clickPath("c", "m", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.clickPath("c", "m", "/relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> links.clickPath("c", "m", "//evil.example.net")).isInstanceOf(IllegalArgumentException.class);
    }
}
