package dev.touchpoint.delivery;

import dev.touchpoint.brand.SurveyLinks;
import dev.touchpoint.brand.SurveyMetric;
import dev.touchpoint.channel.Channel;

/**
 * Issues the answer links of a survey touchpoint right before it is rendered ({@code dev.touchpoint.survey}, ADR-0026):
 * one signed, single-use, expiring link per score and the survey page. The same touchpoint key gets the same links, so
 * a retried render sends the same content.
 */
@FunctionalInterface
public interface SurveyLinkIssuer {

    /** No surveys in this application: a survey template fails to render, naming the missing links. */
    SurveyLinkIssuer NONE = invitation -> null;

    /**
     * @param touchpointKey the touchpoint's idempotency key (one survey invitation per key)
     * @param customerId    the customer asked
     * @param survey        the survey template
     * @param journey       the journey and version that asks ({@code order-shipped:3})
     * @param measures      the touchpoint the survey measures ({@code templateVariables.measures}), or null
     * @param channel       the channel it is sent on
     * @param locale        the message locale it is rendered in
     */
    record Invitation(String touchpointKey, String customerId, String survey, SurveyMetric metric, String journey,
                      String measures, Channel channel, String locale) {
    }

    /** The links, or null when surveys are not available here. */
    SurveyLinks issue(Invitation invitation);
}
