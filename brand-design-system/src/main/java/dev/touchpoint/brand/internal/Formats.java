package dev.touchpoint.brand.internal;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locale-aware formatters, built once per locale and style. Date-time formatters are immutable and shared; number
 * formats are not thread-safe, so callers get a clone of a cached prototype.
 */
final class Formats {

    private static final Map<String, DateTimeFormatter> DATE_TIME = new ConcurrentHashMap<>();
    private static final Map<String, NumberFormat> NUMBERS = new ConcurrentHashMap<>();

    private Formats() {
    }

    static DateTimeFormatter date(FormatStyle style, Locale locale) {
        return DATE_TIME.computeIfAbsent("d|" + style + "|" + locale.toLanguageTag(),
                k -> DateTimeFormatter.ofLocalizedDate(style).withLocale(locale));
    }

    static DateTimeFormatter time(FormatStyle style, Locale locale) {
        return DATE_TIME.computeIfAbsent("t|" + style + "|" + locale.toLanguageTag(),
                k -> DateTimeFormatter.ofLocalizedTime(style).withLocale(locale));
    }

    static DateTimeFormatter dateTime(FormatStyle date, FormatStyle time, Locale locale) {
        return DATE_TIME.computeIfAbsent("dt|" + date + "|" + time + "|" + locale.toLanguageTag(),
                k -> DateTimeFormatter.ofLocalizedDateTime(date, time).withLocale(locale));
    }

    static NumberFormat number(Locale locale) {
        return (NumberFormat) NUMBERS.computeIfAbsent("n|" + locale.toLanguageTag(),
                k -> NumberFormat.getNumberInstance(locale)).clone();
    }

    static NumberFormat percent(Locale locale) {
        return (NumberFormat) NUMBERS.computeIfAbsent("p|" + locale.toLanguageTag(), k -> {
            NumberFormat format = NumberFormat.getPercentInstance(locale);
            format.setMaximumFractionDigits(1);
            return format;
        }).clone();
    }

    static NumberFormat currency(Locale locale, Currency currency) {
        return (NumberFormat) NUMBERS.computeIfAbsent("c|" + locale.toLanguageTag() + "|" + currency.getCurrencyCode(),
                k -> {
                    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
                    format.setCurrency(currency);
                    int digits = Math.max(0, currency.getDefaultFractionDigits());
                    format.setMinimumFractionDigits(digits);
                    format.setMaximumFractionDigits(digits);
                    return format;
                }).clone();
    }
}
