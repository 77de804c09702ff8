package dev.touchpoint.campaign;

import java.util.Map;

/**
 * What a launch would do now, without sending or starting anything.
 *
 * @param audience     customers the audience names (matching the filter, or listed in the upload)
 * @param wouldEnter   of those, customers who would be reached on some channel now
 * @param perChannel   the channel each would be reached on first (their best reachable marketing channel)
 * @param suppressed   per reason, customers not reachable now: NO_CONSENT, UNREACHABLE, BUDGET_EXHAUSTED,
 *                     QUIET_HOURS (would wait), UNKNOWN_CUSTOMER
 * @param smsSegments  SMS segments the SMS template would cost for the customers reached by SMS (0 without template)
 * @param smsRenderFailures customers whose SMS could not be rendered for the estimate
 */
public record DryRunReport(long audience, long wouldEnter, Map<String, Long> perChannel, Map<String, Long> suppressed,
                           long smsSegments, long smsRenderFailures) {}
