package dev.touchpoint.brand;

import dev.touchpoint.channel.Channel;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One touchpoint to render.
 *
 * @param templateId       the template, e.g. {@code cart-reminder}
 * @param channel          the channel to render for
 * @param locale           the customer's locale; falls back ({@code zh-Hant-HK -> zh-Hant -> default}) for messages
 *                         and is used as given for formatting dates, numbers and currency
 * @param zone             the customer's time zone for {@code datetime} variables
 * @param variables        customer context and journey variables; only the variables the template declares are read,
 *                         everything else is ignored
 * @param unsubscribeToken an opaque, URL-safe token (issued and verified by the workers) that identifies the
 *                         subscription; required for marketing email, used in the footer link and List-Unsubscribe
 * @param surveyLinks      the answer links and survey page of a survey template (issued by the workers); required
 *                         for survey templates, ignored by every other template
 */
public record RenderRequest(String templateId, Channel channel, Locale locale, ZoneId zone,
                            Map<String, Object> variables, String unsubscribeToken, SurveyLinks surveyLinks) {

    /** A request without survey links. */
    public RenderRequest(String templateId, Channel channel, Locale locale, ZoneId zone, Map<String, Object> variables,
                         String unsubscribeToken) {
        this(templateId, channel, locale, zone, variables, unsubscribeToken, null);
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{1,512}");

    public RenderRequest {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(channel, "channel");
        locale = locale == null ? Locale.ROOT : locale;
        zone = zone == null ? ZoneId.of("UTC") : zone;
        // Copy without Map.copyOf so that null values (a variable explicitly "not known") are allowed.
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        if (unsubscribeToken != null && !TOKEN.matcher(unsubscribeToken).matches()) {
            throw new IllegalArgumentException(
                    "unsubscribeToken must be 1-512 URL-safe characters [A-Za-z0-9._~-]");
        }
    }

    public Optional<SurveyLinks> surveyLinksValue() {
        return Optional.ofNullable(surveyLinks);
    }

    public Optional<String> unsubscribeTokenValue() {
        return Optional.ofNullable(unsubscribeToken);
    }

    public static Builder builder(String templateId, Channel channel) {
        return new Builder(templateId, channel);
    }

    /** Fluent builder; locale defaults to the brand's default locale, zone to UTC. */
    public static final class Builder {
        private final String templateId;
        private final Channel channel;
        private Locale locale = Locale.ROOT;
        private ZoneId zone = ZoneId.of("UTC");
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private String unsubscribeToken;
        private SurveyLinks surveyLinks;

        private Builder(String templateId, Channel channel) {
            this.templateId = Objects.requireNonNull(templateId, "templateId");
            this.channel = Objects.requireNonNull(channel, "channel");
        }

        public Builder locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /** A BCP 47 language tag such as {@code de-AT} or {@code zh-Hant-HK}. */
        public Builder locale(String languageTag) {
            this.locale = Locale.forLanguageTag(languageTag);
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public Builder zone(String zoneId) {
            this.zone = ZoneId.of(zoneId);
            return this;
        }

        public Builder variable(String name, Object value) {
            variables.put(name, value);
            return this;
        }

        public Builder variables(Map<String, ?> values) {
            variables.putAll(values);
            return this;
        }

        public Builder unsubscribeToken(String token) {
            this.unsubscribeToken = token;
            return this;
        }

        /** The answer links and survey page of a survey template. */
        public Builder surveyLinks(SurveyLinks links) {
            this.surveyLinks = links;
            return this;
        }

        public RenderRequest build() {
            return new RenderRequest(templateId, channel, locale, zone, variables, unsubscribeToken, surveyLinks);
        }
    }
}
