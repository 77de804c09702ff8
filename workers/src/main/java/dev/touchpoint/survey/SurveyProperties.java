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
 * @param handover        the sweeper of answers whose hand-over failed (ADR-0030 §3)
 */
@ConfigurationProperties("touchpoint.surveys")
public record SurveyProperties(
        String secret,
        List<String> previousSecrets,
        String publicBaseUrl,
        @DefaultValue("P14D") Duration linkLifetime,
        @DefaultValue("P3D") Duration smsReplyWindow,
        @DefaultValue Handover handover) {

    /**
     * {@code touchpoint.surveys.handover.*}: the sweeper that hands over stored answers whose events never reached the
     * engine (or the ledger, or the context).
     *
     * @param interval how often it looks (PT0S: never, e.g. in a test that sweeps by hand)
     * @param grace    an answer younger than this is left to the request that stored it; a failed retry waits as long
     * @param batch    at most this many answers a round
     */
    public record Handover(@DefaultValue("PT1M") Duration interval, @DefaultValue("PT2M") Duration grace,
                           @DefaultValue("100") int batch) {

        public Handover {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("touchpoint.surveys.handover.interval must not be negative, e.g. PT1M");
            }
            if (grace == null || grace.isNegative() || grace.isZero()) {
                throw new IllegalArgumentException("touchpoint.surveys.handover.grace must be positive, e.g. PT2M");
            }
            if (batch < 1) {
                throw new IllegalArgumentException("touchpoint.surveys.handover.batch must be at least 1");
            }
        }
    }

    public SurveyProperties {
        handover = handover == null ? new Handover(Duration.ofMinutes(1), Duration.ofMinutes(2), 100) : handover;
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
                + ", smsReplyWindow=" + smsReplyWindow + ", handover=" + handover + "]";
    }
}
