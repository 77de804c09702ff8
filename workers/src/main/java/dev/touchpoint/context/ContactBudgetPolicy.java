package dev.touchpoint.context;

import dev.touchpoint.channel.Channel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many marketing touchpoints one customer may receive, across all journeys and channels. Windows roll: "per day"
 * is any 24 hours, "per week" any 7 times 24 hours, so neither midnight, a time-zone change nor daylight saving opens
 * extra room. Reserved (pending) and delivered touchpoints count; released and suppressed ones do not. Transactional
 * touchpoints are outside the marketing budget and have their own optional daily cap. A limit of 0 or less switches
 * that limit off.
 *
 * @param marketingPerDay           marketing touchpoints in any 24 hours, all channels
 * @param marketingPerWeek          marketing touchpoints in any 7 days, all channels
 * @param marketingPerChannelPerDay marketing touchpoints in any 24 hours on one channel
 * @param transactionalPerDay       transactional touchpoints in any 24 hours (a guard against runaway loops)
 * @param surveyWindow              at most one survey touchpoint (a template with a survey metric) in any window of
 *                                  this length, all channels (survey fatigue, ADR-0027); zero switches it off
 */
public record ContactBudgetPolicy(
        int marketingPerDay,
        int marketingPerWeek,
        Map<Channel, Integer> marketingPerChannelPerDay,
        int transactionalPerDay,
        Duration surveyWindow) {

    /** The survey window unless configured otherwise: one survey in any 30 days. */
    public static final Duration DEFAULT_SURVEY_WINDOW = Duration.ofDays(30);

    /**
     * 3 a day, 6 a week; per day at most 2 emails, 1 SMS, 2 pushes, 3 kiosk offers; transactional unlimited; one survey
     * in 30 days.
     */
    public static final ContactBudgetPolicy DEFAULT = new ContactBudgetPolicy(3, 6,
            Map.of(Channel.EMAIL, 2, Channel.SMS, 1, Channel.PUSH, 2, Channel.KIOSK, 3), 0);

    /** A budget with the default survey window. */
    public ContactBudgetPolicy(int marketingPerDay, int marketingPerWeek, Map<Channel, Integer> marketingPerChannelPerDay,
                               int transactionalPerDay) {
        this(marketingPerDay, marketingPerWeek, marketingPerChannelPerDay, transactionalPerDay, DEFAULT_SURVEY_WINDOW);
    }

    public ContactBudgetPolicy {
        surveyWindow = surveyWindow == null || surveyWindow.isNegative() ? Duration.ZERO : surveyWindow;
        EnumMap<Channel, Integer> copy = new EnumMap<>(Channel.class);
        if (marketingPerChannelPerDay != null) {
            copy.putAll(marketingPerChannelPerDay);
        }
        marketingPerChannelPerDay = Map.copyOf(copy);
    }

    /** The daily marketing limit of one channel, 0 when that channel has none. */
    public int perChannelPerDay(Channel channel) {
        return marketingPerChannelPerDay.getOrDefault(channel, 0);
    }
}
