/**
 * Survey touchpoints (issue 19, ADR-0026): the answer links of a survey template (signed, single-use, expiring, no
 * personal data), the public survey page they land on, SMS replies attributed to the latest open survey, the
 * {@code survey.answered} event, and the results (NPS, CSAT, CES with confidence intervals) by survey, journey,
 * touchpoint, channel, locale and week.
 */
package dev.touchpoint.survey;
