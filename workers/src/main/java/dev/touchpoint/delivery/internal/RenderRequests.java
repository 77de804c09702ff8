package dev.touchpoint.delivery.internal;

import dev.touchpoint.delivery.SurveyLinkIssuer;

import dev.touchpoint.brand.BrandDesignSystem;
import dev.touchpoint.brand.Category;
import dev.touchpoint.brand.RenderRequest;
import dev.touchpoint.brand.TemplateDescriptor;
import dev.touchpoint.channel.Channel;
import dev.touchpoint.context.CustomerProfile;
import dev.touchpoint.context.Purpose;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the brand design system is asked to render for one touchpoint: the customer's names and loyalty tier, then
 * the journey's template variables (which win); the customer's locale and zone, else the brand's default locale and
 * UTC; an unsubscribe token for marketing; the answer links of a survey template (ADR-0026).
 */
final class RenderRequests {

    private final BrandDesignSystem brand;
    private final RecipientResolver recipients;
    private final SurveyLinkIssuer surveys;

    RenderRequests(BrandDesignSystem brand, RecipientResolver recipients, SurveyLinkIssuer surveys) {
        this.brand = brand;
        this.recipients = recipients;
        this.surveys = surveys;
    }

    RenderRequest of(TouchpointJob job, Channel channel, TemplateDescriptor template, CustomerProfile profile, String key) {
        Map<String, Object> variables = new HashMap<>();
        if (profile.givenName() != null) {
            variables.put("firstName", profile.givenName());
        }
        if (profile.familyName() != null) {
            variables.put("lastName", profile.familyName());
        }
        if (profile.loyaltyTier() != null) {
            variables.put("loyaltyTier", profile.loyaltyTier());
        }
        variables.putAll(job.variables().templateVariables());
        RenderRequest.Builder request = RenderRequest.builder(template.id(), channel)
                .locale(profile.locale() == null ? Locale.forLanguageTag(brand.defaultLocale()) : profile.locale())
                .zone(profile.timeZone() == null ? ZoneOffset.UTC : profile.timeZone())
                .variables(variables);
        if (template.category() == Category.MARKETING || job.settings().purpose().orElse(null) == Purpose.MARKETING) {
            request.unsubscribeToken(recipients.unsubscribeToken(job.customerId(), channel));
        }
        if (template.survey().isPresent()) {
            Locale locale = profile.locale() == null ? Locale.forLanguageTag(brand.defaultLocale()) : profile.locale();
            Object measures = job.variables().templateVariables().get("measures");
            request.surveyLinks(surveys.issue(new SurveyLinkIssuer.Invitation(key, job.customerId(), template.id(),
                    template.survey().get(), job.journey(), measures == null ? null : measures.toString(), channel,
                    brand.resolveLocale(locale))));
        }
        return request.build();
    }
}
