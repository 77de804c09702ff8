package dev.touchpoint.brand.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Picks the message locale for a requested locale, with the fallback chain of Java resource bundles (which knows that
 * {@code zh-HK} and {@code zh-TW} are Traditional and {@code zh-CN}/{@code zh-SG} Simplified Chinese), e.g.
 * {@code zh-Hant-HK -> zh-Hant -> zh -> default}. A bare {@code zh} means Simplified Chinese (CLDR likely subtags).
 *
 * <p>Formatting (dates, numbers, currency) uses the requested locale as given when its language is the language of the
 * messages, so {@code de-CH} gets Swiss number formats inside German copy; otherwise it uses the message locale, so an
 * English fallback never contains French month names.
 */
public final class LocaleResolver {

    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_DEFAULT);

    private final Map<String, String> supported = new LinkedHashMap<>();
    private final String defaultTag;

    public LocaleResolver(List<String> supportedTags, String defaultTag) {
        for (String tag : supportedTags) {
            supported.put(tag.toLowerCase(Locale.ROOT), tag);
        }
        if (!supported.containsKey(defaultTag.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Default locale " + defaultTag + " is not one of " + supportedTags);
        }
        this.defaultTag = defaultTag;
    }

    /** The chosen message locale and the locale to format values with. */
    public record Resolution(String messageTag, Locale messageLocale, Locale formatLocale, List<String> chain) {
    }

    public Resolution resolve(Locale requested) {
        List<String> chain = candidates(requested);
        for (String candidate : chain) {
            String tag = supported.get(candidate.toLowerCase(Locale.ROOT));
            if (tag != null) {
                return resolution(tag, requested, chain);
            }
        }
        return resolution(defaultTag, requested, chain);
    }

    private Resolution resolution(String tag, Locale requested, List<String> chain) {
        Locale messageLocale = Locale.forLanguageTag(tag);
        boolean sameLanguage = !requested.getLanguage().isEmpty()
                && requested.getLanguage().equals(messageLocale.getLanguage())
                && (requested.getScript().isEmpty() || messageLocale.getScript().isEmpty()
                || requested.getScript().equals(messageLocale.getScript()));
        Locale format = sameLanguage ? requested : messageLocale;
        List<String> fullChain = new ArrayList<>(chain);
        if (!fullChain.contains(defaultTag)) {
            fullChain.add(defaultTag);
        }
        return new Resolution(tag, messageLocale, format, List.copyOf(fullChain));
    }

    /** The fallback chain as BCP 47 tags, most specific first, without the root locale. */
    static List<String> candidates(Locale requested) {
        Locale locale = requested;
        if ("zh".equals(locale.getLanguage()) && locale.getScript().isEmpty() && locale.getCountry().isEmpty()) {
            locale = new Locale.Builder().setLanguage("zh").setScript("Hans").build();
        }
        List<String> tags = new ArrayList<>();
        for (Locale candidate : CONTROL.getCandidateLocales("", locale)) {
            if (!candidate.equals(Locale.ROOT)) {
                tags.add(candidate.toLanguageTag());
            }
        }
        return tags;
    }

    public String defaultTag() {
        return defaultTag;
    }

    public Set<String> supportedTags() {
        return Set.copyOf(supported.values());
    }
}
