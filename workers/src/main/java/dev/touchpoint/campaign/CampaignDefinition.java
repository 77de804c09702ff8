package dev.touchpoint.campaign;

import java.time.Instant;
import java.util.Map;

/**
 * What marketing ops define.
 *
 * @param name        a label
 * @param processId   the journey (BPMN process id) started per customer, e.g. {@code winback-campaign}
 * @param filter      the audience as a filter over the customer context; null for an uploaded audience
 * @param variables   start variables of every instance (e.g. offerExpires); customerId and
 *                    campaignId are added per instance
 * @param smsTemplate brand template whose SMS segments the dry run estimates; may be null
 * @param startAt     nobody is started before; null = at launch
 * @param endAt       nobody is started after (the campaign completes); may be null
 * @param throttle    instances started per second at most
 */
public record CampaignDefinition(String name, String processId, AudienceFilter filter, Map<String, Object> variables,
                                 String smsTemplate, Instant startAt, Instant endAt, double throttle) {

    public CampaignDefinition {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
