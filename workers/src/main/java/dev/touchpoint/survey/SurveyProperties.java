package dev.touchpoint.survey;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code touchpoint.surveys.*} (docs/marketing-ops-guide.md#surveys, ADR-0026).
 *
 * @param secret          signs the answer links; generated once into {@code .touchpoint/survey-secret} when empty (the
 *                        cluster profile requires it)
 * @param previousSecrets still verify (rotation)
 * @param publicBaseUrl   where customers reach {@code /t/s/**}; empty: the tracking links' public base URL
 * @param linkLifetime    how long a survey stays open: its links answer, an SMS reply is attributed to it
 * @param smsReplyWindow  a number texted back is attributed to the customer's latest SMS survey sent within this
 */
@ConfigurationProperties("touchpoint.surveys")
public record SurveyProperties(
        String secret,
        List<String> previousSecrets,
        String publicBaseUrl,
        @DefaultValue("P14D") Duration linkLifetime,
        @DefaultValue("P3D") Duration smsReplyWindow) {

    public SurveyProperties {
        previousSecrets = previousSecrets == null ? List.of() : previousSecrets.stream().filter(s -> s != null && !s.isBlank()).toList();
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("touchpoint.surveys.link-lifetime must be positive, e.g. P14D");
        }
        if (smsReplyWindow.isNegative() || smsReplyWindow.isZero()) {
            throw new IllegalArgumentException("touchpoint.surveys.sms-reply-window must be positive, e.g. P3D");
        }
    }

    @Override
    public String toString() {
        return "SurveyProperties[secret=" + (secret == null || secret.isBlank() ? "" : "****") + ", previousSecrets="
                + previousSecrets.size() + ", publicBaseUrl=" + publicBaseUrl + ", linkLifetime=" + linkLifetime
                + ", smsReplyWindow=" + smsReplyWindow + "]";
    }
}
