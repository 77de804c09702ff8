-- Issue 19 (ADR-0026): survey touchpoints. One row per survey touchpoint (its idempotency key), created when the
-- survey is rendered, so a retried render carries the same links. The id is random and opaque (the answer links carry
-- it with a signature, never personal data); the row holds the answer once (single use) and an optional comment.
-- Portable SQL (H2 and PostgreSQL).
CREATE TABLE survey_invitation (
    id              VARCHAR(32)  NOT NULL PRIMARY KEY,
    touchpoint_key  VARCHAR(256) NOT NULL,
    customer_id     VARCHAR(160) NOT NULL,
    survey          VARCHAR(128) NOT NULL,
    metric          VARCHAR(8)   NOT NULL,
    journey         VARCHAR(256),
    measures        VARCHAR(128),
    channel         VARCHAR(16)  NOT NULL,
    locale          VARCHAR(35)  NOT NULL,
    issued_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP(6) WITH TIME ZONE,
    answered_at     TIMESTAMP(6) WITH TIME ZONE,
    score           INTEGER,
    answer_channel  VARCHAR(16),
    commented_at    TIMESTAMP(6) WITH TIME ZONE,
    comment_text    VARCHAR(2000),
    CONSTRAINT survey_invitation_key UNIQUE (touchpoint_key)
);
-- SMS replies are attributed to the customer's latest open survey; results are grouped by survey and week
CREATE INDEX survey_invitation_customer ON survey_invitation (customer_id, sent_at);
CREATE INDEX survey_invitation_survey ON survey_invitation (survey, sent_at);
