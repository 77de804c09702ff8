-- Campaign launcher hardening (ADR-0018). Portable SQL (H2 and PostgreSQL).
--
-- The launcher lease gets a fencing token: epoch grows by one whenever the lease changes hands, so a launcher that
-- stalled past its lease can tell (its epoch is no longer the lease's) and its writes are refused: every write of
-- the launcher is conditional on "holder = me AND epoch = mine AND not expired". holder '-' means released.
ALTER TABLE campaign_launcher_lease ADD COLUMN epoch BIGINT DEFAULT 0 NOT NULL;

-- The lease epoch under which each start row was claimed: a PENDING row of an earlier epoch may belong to a create
-- still in flight at the previous holder, so the new holder reconciles it only after a grace period.
ALTER TABLE campaign_start ADD COLUMN lease_epoch BIGINT;
