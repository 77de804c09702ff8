package dev.touchpoint.context.internal;

import dev.touchpoint.context.ChannelPreferences;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.InvalidCustomerException;
import dev.touchpoint.context.InvalidCustomerException.Violation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks and normalises profiles before they are stored. Field names are the ones of the import formats and the API. */
public final class CustomerValidation {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern PHONE_NOISE = Pattern.compile("[\\s().\\-/]");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    private static final int MAX_ATTRIBUTES = 50;
    private static final int MAX_PUSH_TOKENS = 10;

    private CustomerValidation() {
    }

    /** Validates and normalises; throws with every violation found. */
    public static CustomerProfile normalise(CustomerProfile profile) {
        List<Violation> violations = new ArrayList<>();
        if (!ID.matcher(profile.id()).matches()) {
            violations.add(new Violation("id", "must be 1-128 letters, digits or . _ : @ - and start with a letter or digit"));
        }
        String givenName = text(profile.givenName(), "givenName", 200, violations);
        String familyName = text(profile.familyName(), "familyName", 200, violations);
        String email = null;
        if (profile.email() != null && !profile.email().isBlank()) {
            email = profile.email().trim().toLowerCase(Locale.ROOT);
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                violations.add(new Violation("email", "'" + abbreviate(profile.email()) + "' is not a valid email address"));
            }
        }
        String phone = null;
        if (profile.phone() != null && !profile.phone().isBlank()) {
            phone = normalisePhone(profile.phone());
            if (phone == null) {
                violations.add(new Violation("phone", "'" + abbreviate(profile.phone()) + "' is not an international (E.164) number such as +4915112345678"));
            }
        }
        if (profile.locale() != null) {
            String tag = profile.locale().toLanguageTag();
            if ("und".equals(tag) || !LANGUAGE_TAG.matcher(tag).matches()) {
                violations.add(new Violation("locale", "is not a language tag such as en-GB"));
            }
        }
        List<String> tokens = new ArrayList<>();
        for (String token : profile.pushTokens()) {
            if (token == null || token.isBlank()) {
                violations.add(new Violation("pushTokens", "contains an empty token"));
            } else if (token.length() > 4096) {
                violations.add(new Violation("pushTokens", "a token is longer than 4096 characters"));
            } else if (!tokens.contains(token.trim())) {
                tokens.add(token.trim());
            }
        }
        if (tokens.size() > MAX_PUSH_TOKENS) {
            violations.add(new Violation("pushTokens", "more than " + MAX_PUSH_TOKENS + " tokens"));
        }
        String loyaltyTier = text(profile.loyaltyTier(), "loyaltyTier", 64, violations);
        String homeStore = text(profile.homeStore(), "homeStore", 64, violations);
        Map<String, String> attributes = new LinkedHashMap<>();
        if (profile.attributes().size() > MAX_ATTRIBUTES) {
            violations.add(new Violation("attributes", "more than " + MAX_ATTRIBUTES + " attributes"));
        }
        profile.attributes().forEach((name, value) -> {
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
                violations.add(new Violation("attributes", "'" + abbreviate(String.valueOf(name)) + "' is not a valid attribute name"));
            } else if (value != null && value.length() > 1024) {
                violations.add(new Violation("attr." + name, "is longer than 1024 characters"));
            } else if (value != null) {
                attributes.put(name, value);
            }
        });
        List<Channel> preferred = profile.preferences().preferred();
        if (!preferred.isEmpty() && EnumSet.copyOf(preferred).size() != preferred.size()) {
            violations.add(new Violation("preferredChannels", "names a channel twice"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCustomerException(violations);
        }
        return new CustomerProfile(profile.id(), givenName, familyName, profile.locale(), profile.timeZone(), email, phone,
                tokens, loyaltyTier, homeStore, attributes,
                new ChannelPreferences(preferred, profile.preferences().quietHours()), profile.updatedAt());
    }

    /** The number in E.164 ({@code +4915112345678}) or null when it is not an international number. */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String compact = PHONE_NOISE.matcher(phone.trim()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? compact : null;
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String text(String value, String field, int max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            violations.add(new Violation(field, "is longer than " + max + " characters"));
        }
        invisible(trimmed).ifPresent(problem -> violations.add(new Violation(field, problem)));
        return trimmed;
    }

    /**
     * Why a one-line text field is refused: a control character (a line break could split an email header, an escape
     * could drive a terminal) or an invisible direction override (it makes text display as something it is not).
     */
    static java.util.Optional<String> invisible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
            boolean direction = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if (control || direction) {
                return java.util.Optional.of("contains " + (control ? "the control character" : "the invisible direction override")
                        + String.format(" U+%04X", (int) c) + " at position " + (i + 1)
                        + ": remove it (this field is one line of visible text)");
            }
        }
        return java.util.Optional.empty();
    }

    /** Keeps error messages short and never echoes a whole long input. */
    static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
