package dev.touchpoint.delivery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The offer a touchpoint carries, read from the journey's variables: {@code offerCode} names it, {@code offerExpiresAt}
 * (an instant, or a date that counts to its end in UTC) bounds it. The customer context tracks offers so that a
 * customer is not offered the same thing twice while it is valid.
 */
final class OfferTerms {

    /** How long an offer without {@code offerExpiresAt} (or with one that cannot be read) is valid. */
    static final Duration DEFAULT_OFFER_LIFETIME = Duration.ofDays(14);

    private final Clock clock;

    OfferTerms(Clock clock) {
        this.clock = clock;
    }

    /** The offer's code, or null when the touchpoint carries no offer. */
    static String offerId(Map<String, Object> variables) {
        Object code = variables.get("offerCode");
        return code == null || code.toString().isBlank() ? null : code.toString();
    }

    /** When the offer expires: {@code offerExpiresAt}, else {@link #DEFAULT_OFFER_LIFETIME} from now. */
    Instant expiry(Map<String, Object> variables) {
        Object expires = variables.get("offerExpiresAt");
        if (expires != null) {
            try {
                return Instant.parse(expires.toString());
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return LocalDate.parse(expires.toString()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    // fall through to the default lifetime
                }
            }
        }
        return clock.instant().plus(DEFAULT_OFFER_LIFETIME);
    }
}
