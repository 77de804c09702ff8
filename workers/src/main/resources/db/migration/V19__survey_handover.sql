-- Issue 19 review (ADR-0030 §3): the hand-over of a survey answer is an outbox. The answer is stored first (single
-- use); its ledger evidence, the customer context and the ingress events (survey.answered, survey.low-score) follow.
-- handed_over_at is set once every one of those steps succeeded; until then the sweeper (SurveyHandoverSweeper) redoes
-- them, each step idempotent (ledger: looked up by kind and key; ingress: survey:<id> / survey-low:<id>).
-- handover_retry_at is the sweeper's claim: the instance that moves it into the future retries the row, the others
-- leave it alone until then. Portable SQL (H2 and PostgreSQL).
ALTER TABLE survey_invitation ADD COLUMN handed_over_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE survey_invitation ADD COLUMN handover_retry_at TIMESTAMP(6) WITH TIME ZONE;
-- answers stored before this migration were handed over by the code of their time: never hand them over again
UPDATE survey_invitation SET handed_over_at = answered_at WHERE answered_at IS NOT NULL;
CREATE INDEX survey_invitation_handover ON survey_invitation (handed_over_at, answered_at);
