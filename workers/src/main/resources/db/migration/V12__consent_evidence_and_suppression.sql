-- Consent hardening (issue 14, ADR-0005): evidence that cannot be lost, a suppression list that survives erasure,
-- and a record of one-time set-up steps. Portable SQL (H2 and PostgreSQL).

-- Transactional outbox of consent evidence: written in the same transaction as the customer_consent row it proves
-- (JdbcCustomerRepository.replaceConsents), deleted once the ledger holds the CONSENT_CHANGE entry with the same
-- evidence key (ledger_entry.idempotency_key). A row left behind (the ledger write failed after the consent was
-- applied) is appended by the ledger's relay, so a consent change never stays without evidence.
CREATE TABLE consent_evidence_pending (
    evidence_key VARCHAR(80)  NOT NULL PRIMARY KEY,
    customer_id  VARCHAR(128) NOT NULL,
    channel      VARCHAR(16)  NOT NULL,
    purpose      VARCHAR(16)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    source       VARCHAR(32)  NOT NULL,
    expressed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    proof        VARCHAR(256)
);

CREATE INDEX consent_evidence_pending_customer ON consent_evidence_pending (customer_id);

-- Addresses that must not be granted consent again without the customer's fresh proof: opted out, or erased.
-- Keyed hashes only (HMAC-SHA256 of the normalised address with the suppression secret): no address is stored, and
-- the list survives the erasure of the customer it came from.
CREATE TABLE consent_suppression (
    address_hash VARCHAR(64) NOT NULL,
    channel      VARCHAR(16) NOT NULL,
    purpose      VARCHAR(16) NOT NULL,
    reason       VARCHAR(16) NOT NULL,   -- WITHDRAWN or ERASED
    since        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (address_hash, channel, purpose)
);

-- One-time set-up steps that must complete as a whole (e.g. 'sample-customers'): a row exists once the step finished.
CREATE TABLE touchpoint_setup (
    step        VARCHAR(64) NOT NULL PRIMARY KEY,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Databases that already hold customers loaded their samples under the earlier rule ("only into an empty database"):
-- keep it that way, so an erased or edited sample customer never comes back.
INSERT INTO touchpoint_setup (step, finished_at)
SELECT 'sample-customers', MAX(updated_at) FROM customer_profile HAVING COUNT(*) > 0;
