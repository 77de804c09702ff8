package dev.touchpoint.survey;

import java.time.Instant;

/**
 * A survey was answered (published in the application after the answer was stored, before {@code survey.answered}
 * goes to the ingress; the evidence ledger records it). Published again, identical, when the hand-over sweeper retries a
 * hand-over that failed (ADR-0030 §3): a listener must take it once per {@code touchpointKey}. No comment text: only
 * whether there is one.
 *
 * @param invitationId   the survey invitation (opaque)
 * @param customerId     who answered
 * @param survey         the survey template, e.g. {@code csat-survey}
 * @param metric         {@code nps}, {@code csat} or {@code ces}
 * @param score          on the metric's scale
 * @param touchpointKey  the idempotency key of the survey touchpoint that asked
 * @param journey        the journey and version that asked, e.g. {@code order-shipped:2}
 * @param measures       the touchpoint the survey measures, or null
 * @param askedOn        the channel the survey was sent on
 * @param answeredOn     the channel the answer came back on ({@code EMAIL} link, {@code PUSH} page, {@code SMS} reply)
 * @param commentPresent whether a comment came with it
 * @param answeredAt     when it was recorded
 */
public record SurveyAnswered(String invitationId, String customerId, String survey, String metric, int score,
                             String touchpointKey, String journey, String measures, String askedOn, String answeredOn,
                             boolean commentPresent, Instant answeredAt) {
}
