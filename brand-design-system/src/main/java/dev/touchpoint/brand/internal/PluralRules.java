package dev.touchpoint.brand.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * CLDR cardinal plural categories for the languages a brand is likely to ship. Messages use keys such as
 * {@code cart.items.one} / {@code cart.items.other}; {@code other} is the fallback every language has.
 */
final class PluralRules {

    /** Languages without plural forms (CLDR: only "other"). */
    private static final Set<String> OTHER_ONLY = Set.of("zh", "ja", "ko", "vi", "th", "id", "ms", "lo", "my", "km");
    /** Languages where "one" covers 0 and 1 (French, Portuguese in Brazil...). */
    private static final Set<String> ONE_FOR_ZERO_AND_ONE = Set.of("fr", "hy", "kab");
    /** East Slavic and Polish: one / few / many. */
    private static final Set<String> SLAVIC = Set.of("ru", "uk", "be", "pl");

    private PluralRules() {
    }

    static String category(Locale locale, BigDecimal number) {
        String language = locale.getLanguage();
        BigDecimal abs = number.abs();
        boolean integer = abs.stripTrailingZeros().scale() <= 0;
        if (OTHER_ONLY.contains(language)) {
            return "other";
        }
        if (ONE_FOR_ZERO_AND_ONE.contains(language)) {
            return abs.compareTo(BigDecimal.valueOf(2)) < 0 ? "one" : "other";
        }
        if (SLAVIC.contains(language)) {
            if (!integer) {
                return "other";
            }
            long n = abs.longValue();
            long mod10 = n % 10;
            long mod100 = n % 100;
            if ("pl".equals(language)) {
                if (n == 1) {
                    return "one";
                }
            } else if (mod10 == 1 && mod100 != 11) {
                return "one";
            }
            if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
                return "few";
            }
            return "many";
        }
        // English, German, Dutch, Scandinavian, Italian, Spanish...: "one" for exactly 1 without visible decimals.
        return integer && abs.compareTo(BigDecimal.ONE) == 0 && number.scale() <= 0 ? "one" : "other";
    }
}
