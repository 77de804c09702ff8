package dev.touchpoint.delivery.internal;


import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offer a touchpoint carries, as read from the journey's variables ({@link OfferTerms}). */
class OfferTermsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final OfferTerms offers = new OfferTerms(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTouchpointCarriesAnOfferOnlyWithANonBlankCode() {
        assertThat(OfferTerms.offerId(Map.of("offerCode", "WINTER25"))).isEqualTo("WINTER25");
        assertThat(OfferTerms.offerId(Map.of("offerCode", 42))).isEqualTo("42");
        assertThat(OfferTerms.offerId(Map.of("offerCode", "  "))).isNull();
        assertThat(OfferTerms.offerId(Map.of())).isNull();
    }

    @Test
    void anInstantExpiresThenAndADateAtItsEndInUtc() {
        assertThat(offers.expiry(Map.of("offerExpiresAt", "2026-12-01T09:30:00Z"))).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(offers.expiry(Map.of("offerExpiresAt", "2026-12-01"))).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void withoutAReadableExpiryTheOfferLastsTheDefaultLifetime() {
        Instant fallback = NOW.plus(OfferTerms.DEFAULT_OFFER_LIFETIME);
        assertThat(offers.expiry(Map.of())).isEqualTo(fallback);
        assertThat(offers.expiry(Map.of("offerExpiresAt", "next week"))).isEqualTo(fallback);
        assertThat(fallback).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
    }
}
