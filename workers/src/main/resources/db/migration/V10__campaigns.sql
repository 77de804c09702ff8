-- Campaigns (dev.touchpoint.campaign): definitions, uploaded audiences, and one row per customer a campaign reached.
-- Portable SQL (H2 and PostgreSQL). The campaign_start row is written BEFORE the engine is asked to create the
-- instance (state PENDING), so a restart knows which creates may have reached the engine (ADR-0014).

CREATE TABLE campaign (
    campaign_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                VARCHAR(200)  NOT NULL,
    process_id          VARCHAR(256)  NOT NULL,
    audience_kind       VARCHAR(16)   NOT NULL,   -- FILTER or UPLOAD
    audience_filter     VARCHAR(8000),            -- JSON of AudienceFilter (FILTER)
    variables           VARCHAR(8000) NOT NULL,   -- JSON object: start variables of every instance
    sms_template        VARCHAR(128),             -- template whose SMS segments the dry run estimates
    start_at            TIMESTAMP WITH TIME ZONE,
    end_at              TIMESTAMP WITH TIME ZONE,
    throttle_per_second DOUBLE PRECISION NOT NULL,
    state               VARCHAR(16)   NOT NULL,   -- DRAFT, SCHEDULED, RUNNING, PAUSED, CANCELLED, COMPLETED
    state_reason        VARCHAR(512),
    created_by          VARCHAR(128),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An uploaded audience (CSV or JSONL), in upload order; written in batches while the upload streams in.
CREATE TABLE campaign_audience (
    campaign_id VARCHAR(64)  NOT NULL,
    position    BIGINT       NOT NULL,
    customer_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (campaign_id, position),
    CONSTRAINT campaign_audience_once UNIQUE (campaign_id, customer_id)
);

-- Who the campaign reached: the unique key makes "start everyone once" a database guarantee.
CREATE TABLE campaign_start (
    campaign_id          VARCHAR(64)  NOT NULL,
    customer_id          VARCHAR(128) NOT NULL,
    state                VARCHAR(16)  NOT NULL,   -- PENDING, STARTED, SUPPRESSED, FAILED
    reason               VARCHAR(256),
    process_instance_key BIGINT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);

CREATE INDEX campaign_start_state ON campaign_start (campaign_id, state);
