-- Issue 16 (ADR-0022): evidence never joins records of two engine incarnations, and ingress idempotency outlives the
-- engine's message buffer. Portable SQL (H2 and PostgreSQL).

-- The embedded engine starts empty at every start and hands out the same process instance keys again: a journey
-- instance is identified by the engine incarnation (EngineRuntime.identity(), '' for a remote cluster without one)
-- and its key. The table is an index, not evidence: rebuilt with the composite key, existing rows kept under ''.
CREATE TABLE ledger_journey_instance_v15 (
    engine_id            VARCHAR(32)  NOT NULL,
    process_instance_key BIGINT       NOT NULL,
    process_id           VARCHAR(256) NOT NULL,
    process_version      INTEGER,
    customer_id          VARCHAR(160),
    campaign_id          VARCHAR(256),
    started_at           TIMESTAMP(6) WITH TIME ZONE,
    ended_at             TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (engine_id, process_instance_key)
);
INSERT INTO ledger_journey_instance_v15 (engine_id, process_instance_key, process_id, process_version, customer_id,
                                         campaign_id, started_at, ended_at)
SELECT '', process_instance_key, process_id, process_version, customer_id, campaign_id, started_at, ended_at
FROM ledger_journey_instance;
DROP TABLE ledger_journey_instance;
ALTER TABLE ledger_journey_instance_v15 RENAME TO ledger_journey_instance;
CREATE INDEX ledger_journey_instance_campaign ON ledger_journey_instance (campaign_id);
CREATE INDEX ledger_journey_instance_customer ON ledger_journey_instance (customer_id);

-- Ingress idempotency (dev.touchpoint.ingress): one row per (source, idempotency key) accepted, kept for the
-- configured window (touchpoint.ingress.idempotency.window, default 7 days) whatever the route does with the event
-- (start, correlate, context update only), written once the event was handed over (ACCEPTED or DUPLICATE at the
-- engine). A redelivery within the window is answered DUPLICATE and not routed again; expired rows are deleted.
CREATE TABLE ingress_event_seen (
    source          VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(256) NOT NULL,
    event_type      VARCHAR(128) NOT NULL,
    customer_id     VARCHAR(160),
    first_seen_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, idempotency_key)
);
CREATE INDEX ingress_event_seen_expires ON ingress_event_seen (expires_at);
