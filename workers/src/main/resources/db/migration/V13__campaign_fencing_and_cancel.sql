-- Campaign launcher hardening and cancel (ADR-0018). Portable SQL (H2 and PostgreSQL).
--
-- The launcher lease gets a fencing token: epoch grows by one whenever the lease changes hands, so a launcher that
-- stalled past its lease can tell (its epoch is no longer the lease's) and its writes are refused: every write of
-- the launcher is conditional on "holder = me AND epoch = mine AND not expired". holder '-' means released.
ALTER TABLE campaign_launcher_lease ADD COLUMN epoch BIGINT DEFAULT 0 NOT NULL;

-- The lease epoch under which each start row was claimed: a PENDING row of an earlier epoch may belong to a create
-- still in flight at the previous holder, so the new holder reconciles it only after a grace period.
ALTER TABLE campaign_start ADD COLUMN lease_epoch BIGINT;

-- Cancelling a campaign stops the journeys it started (ADR-0018): the launcher cancels each STARTED row's instance,
-- throttled, and records here what happened: CANCELLED (it was running and is cancelled now), ENDED (it had ended
-- already), FAILED (the engine refused; the reason column says why). NULL on a STARTED row of a CANCELLED campaign =
-- still to do, so a cancel survives a restart and carries on where it stopped.
ALTER TABLE campaign_start ADD COLUMN journey_stopped VARCHAR(16);
ALTER TABLE campaign_start ADD COLUMN journey_stopped_at TIMESTAMP WITH TIME ZONE;
