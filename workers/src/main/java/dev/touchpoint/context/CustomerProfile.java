package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who the customer is and how to reach them. Immutable; lists and maps are unmodifiable copies.
 *
 * @param id          the customer id (the journey correlation key)
 * @param givenName   may be null
 * @param familyName  may be null
 * @param locale      preferred language and region for content; may be null (the brand default applies)
 * @param timeZone    where quiet hours are measured; may be null (the configured default zone applies)
 * @param email       lower-cased address; null when unknown
 * @param phone       E.164 number such as {@code +4915112345678}; null when unknown
 * @param pushTokens  device tokens for app push, oldest first
 * @param loyaltyTier may be null
 * @param homeStore   store id; may be null
 * @param attributes  custom attributes, string to string, in insertion order
 * @param preferences channel order and personal quiet hours
 * @param updatedAt   when this version was written; null on input (the store sets it)
 */
public record CustomerProfile(
        String id,
        String givenName,
        String familyName,
        Locale locale,
        ZoneId timeZone,
        String email,
        String phone,
        List<String> pushTokens,
        String loyaltyTier,
        String homeStore,
        Map<String, String> attributes,
        ChannelPreferences preferences,
        Instant updatedAt) {

    public CustomerProfile {
        Objects.requireNonNull(id, "id");
        pushTokens = pushTokens == null ? List.of() : List.copyOf(pushTokens);
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        preferences = preferences == null ? ChannelPreferences.NONE : preferences;
    }

    /** A profile with only an id, for builders and tests. */
    public static CustomerProfile of(String id) {
        return new CustomerProfile(id, null, null, null, null, null, null, List.of(), null, null, Map.of(), ChannelPreferences.NONE, null);
    }

    public CustomerProfile withUpdatedAt(Instant at) {
        return new CustomerProfile(id, givenName, familyName, locale, timeZone, email, phone, pushTokens, loyaltyTier,
                homeStore, attributes, preferences, at);
    }

    public CustomerProfile withAttributes(Map<String, String> newAttributes) {
        return new CustomerProfile(id, givenName, familyName, locale, timeZone, email, phone, pushTokens, loyaltyTier,
                homeStore, newAttributes, preferences, updatedAt);
    }

    public CustomerProfile withEmail(String newEmail) {
        return new CustomerProfile(id, givenName, familyName, locale, timeZone, newEmail, phone, pushTokens, loyaltyTier,
                homeStore, attributes, preferences, updatedAt);
    }

    public CustomerProfile withPhone(String newPhone) {
        return new CustomerProfile(id, givenName, familyName, locale, timeZone, email, newPhone, pushTokens, loyaltyTier,
                homeStore, attributes, preferences, updatedAt);
    }

    public CustomerProfile withTimeZone(ZoneId zone) {
        return new CustomerProfile(id, givenName, familyName, locale, zone, email, phone, pushTokens, loyaltyTier,
                homeStore, attributes, preferences, updatedAt);
    }

    public CustomerProfile withPushTokens(List<String> tokens) {
        return new CustomerProfile(id, givenName, familyName, locale, timeZone, email, phone, tokens, loyaltyTier,
                homeStore, attributes, preferences, updatedAt);
    }

    public CustomerProfile withPreferences(ChannelPreferences newPreferences) {
        return new CustomerProfile(id, givenName, familyName, locale, timeZone, email, phone, pushTokens, loyaltyTier,
                homeStore, attributes, newPreferences, updatedAt);
    }

    /** Whether the two profiles say the same thing, ignoring {@link #updatedAt()}. */
    public boolean sameContentAs(CustomerProfile other) {
        return other != null && withUpdatedAt(null).equals(other.withUpdatedAt(null));
    }

    /** Whether the profile holds an address for the channel (store presence decides for the kiosk). */
    public boolean hasAddressFor(Channel channel) {
        return switch (channel) {
            case EMAIL -> email != null && !email.isBlank();
            case SMS -> phone != null && !phone.isBlank();
            case PUSH -> !pushTokens.isEmpty();
            case KIOSK -> true;
        };
    }
}
