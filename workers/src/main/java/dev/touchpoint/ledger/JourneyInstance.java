package dev.touchpoint.ledger;

import java.time.Instant;

/**
 * One journey instance the ledger recorded for a customer: which journey and version, from which campaign if any, when
 * it started and ended ({@code endedAt} null while it runs).
 *
 * @param engine the engine incarnation ({@code ""} when none): process instance keys are unique only within one
 *     (ADR-0022)
 */
public record JourneyInstance(String engine, long processInstanceKey, String processId, Integer processVersion,
                              String customerId, String campaignId, Instant startedAt, Instant endedAt) {
}
