package dev.touchpoint.brand.internal;

import java.util.List;

/**
 * The brand manifest ({@code brand.json}) as written, bound after it passed
 * {@code schema/brand/brand-manifest.schema.json}: which locales, token files, layouts, partials and templates make up
 * the brand. The checks a schema cannot express (the default locale is declared, tags are canonical, a template is
 * listed once) are made by {@link Brand} when it loads.
 *
 * @param name          the brand's name for people reading the file (messages use the token {@code brand.name})
 * @param description   what the brand is
 * @param defaultLocale the locale requests fall back to
 * @param locales       the canonical BCP 47 tags of the brand's locales, default first
 * @param tokens        the design token files, relative to the brand folder
 * @param partials      the shared layouts and partials ({@code layouts/email}, {@code partials/email-button})
 * @param templates     the template ids, in the order the brand lists them
 * @param sms           SMS settings, or null
 */
record BrandManifest(String name, String description, String defaultLocale, List<String> locales,
                     List<String> tokens, List<String> partials, List<String> templates, Sms sms) {

    /** The segment budget of a template that does not declare its own. */
    static final int DEFAULT_SEGMENT_BUDGET = 2;

    BrandManifest {
        locales = List.copyOf(locales);
        tokens = List.copyOf(tokens);
        partials = List.copyOf(partials);
        templates = List.copyOf(templates);
    }

    /** The most SMS segments a template may use when its descriptor does not say. */
    int defaultSegmentBudget() {
        return sms == null || sms.defaultSegmentBudget() == null ? DEFAULT_SEGMENT_BUDGET : sms.defaultSegmentBudget();
    }

    /** @param defaultSegmentBudget the brand-wide SMS segment budget, or null for the default of 2 */
    record Sms(Integer defaultSegmentBudget) {
    }
}
