-- The web console (ADR-0024) counts each journey's touchpoint evidence per BPMN element (LedgerStatistics): an index
-- by journey and element, so the count reads that journey's entries instead of the whole ledger. Portable SQL (H2 and
-- PostgreSQL). PostgreSQL builds it while holding writes to ledger_entry: on a large ledger, create it beforehand with
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS ledger_entry_process_element ON ledger_entry (process_id, element_id);
-- and this migration finds it there.
CREATE INDEX IF NOT EXISTS ledger_entry_process_element ON ledger_entry (process_id, element_id);
