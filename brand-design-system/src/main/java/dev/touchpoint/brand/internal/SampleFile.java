package dev.touchpoint.brand.internal;

import dev.touchpoint.brand.PreviewSample;
import dev.touchpoint.brand.SurveyLinks;
import dev.touchpoint.brand.TemplateDescriptor;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The preview samples of a template ({@code templates/<id>/samples.json}) as written, bound after they passed
 * {@code schema/brand/samples.schema.json}. Previews, the console and the shared render tests render every template
 * with them.
 *
 * @param variables        sample variables, or null
 * @param zone             the sample time zone, or null for UTC
 * @param unsubscribeToken a sample unsubscribe token, or null
 * @param survey           sample survey links, or null for the preview placeholders
 * @param locales          per-locale overrides keyed by brand locale tag, or null
 */
record SampleFile(Map<String, Object> variables, String zone, String unsubscribeToken, Survey survey,
                  Map<String, LocaleOverride> locales) {

    private static final String ANSWER_PLACEHOLDER = "https://survey.preview.invalid/answer/{score}";
    private static final String PAGE_PLACEHOLDER = "https://survey.preview.invalid/page";

    /** True when the file gives none of its fields: the template has no sample. */
    boolean isEmpty() {
        return variables == null && zone == null && unsubscribeToken == null && survey == null && locales == null;
    }

    /** The sample of one locale: the locale's variables merged over the shared ones, its zone if it has one. */
    PreviewSample sample(TemplateDescriptor descriptor, String localeTag) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (variables != null) {
            merged.putAll(variables);
        }
        String sampleZone = zone != null ? zone : "UTC";
        SurveyLinks surveyLinks = descriptor.survey().map(metric -> {
            String answer = survey != null && survey.answerUrl() != null ? survey.answerUrl() : ANSWER_PLACEHOLDER;
            String page = survey != null && survey.pageUrl() != null ? survey.pageUrl() : PAGE_PLACEHOLDER;
            return SurveyLinks.of(metric, score -> answer.replace("{score}", Integer.toString(score)), page);
        }).orElse(null);
        LocaleOverride override = locales == null ? null : locales.get(localeTag);
        if (override != null) {
            if (override.variables() != null) {
                merged.putAll(override.variables());
            }
            if (override.zone() != null) {
                sampleZone = override.zone();
            }
        }
        return new PreviewSample(merged, unsubscribeToken, ZoneId.of(sampleZone), surveyLinks);
    }

    /** Sample survey links: {@code answerUrl} with {@code {score}}, and {@code pageUrl}; either may be null. */
    record Survey(String answerUrl, String pageUrl) {
    }

    /** What one locale changes: variables merged over the shared ones, and the zone; either may be null. */
    record LocaleOverride(Map<String, Object> variables, String zone) {
    }
}
