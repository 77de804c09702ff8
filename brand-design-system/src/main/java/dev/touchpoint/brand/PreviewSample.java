package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Preview data of one template and locale, from the template's {@code samples.json}.
 *
 * @param variables        sample variables (the defaults merged with the locale's overrides)
 * @param unsubscribeToken a sample unsubscribe token
 * @param zone             a sample time zone
 * @param surveyLinks      sample answer links of a survey template, else null
 */
public record PreviewSample(Map<String, Object> variables, String unsubscribeToken, ZoneId zone, SurveyLinks surveyLinks) {

    public PreviewSample(Map<String, Object> variables, String unsubscribeToken, ZoneId zone) {
        this(variables, unsubscribeToken, zone, null);
    }

    public PreviewSample {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Objects.requireNonNull(zone, "zone");
    }

    /** A render request for this sample. */
    public RenderRequest request(String templateId, Channel channel, String localeTag) {
        return new RenderRequest(templateId, channel, java.util.Locale.forLanguageTag(localeTag), zone, variables,
                unsubscribeToken, surveyLinks);
    }
}
