-- Customer context: the durable part of what Hazelcast holds (dev.touchpoint.context).
-- Written through Hazelcast MapStores (ProfileMapStore, ContextMapStore) and read back on start.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (cluster profile). V2+ belong to the evidence ledger.

CREATE TABLE customer_profile (
    customer_id        VARCHAR(128)  NOT NULL PRIMARY KEY,
    given_name         VARCHAR(200),
    family_name        VARCHAR(200),
    locale             VARCHAR(64),
    time_zone          VARCHAR(64),
    email              VARCHAR(254),
    phone              VARCHAR(16),
    push_tokens        VARCHAR(50000),   -- JSON array of strings
    loyalty_tier       VARCHAR(64),
    home_store         VARCHAR(64),
    attributes         VARCHAR(60000),   -- JSON object of string to string
    preferred_channels VARCHAR(64),      -- comma-separated channel names, best first
    quiet_hours        VARCHAR(16),      -- HH:mm-HH:mm or none
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Inbound SMS keywords and email unsubscribes find customers by address.
CREATE INDEX customer_profile_phone ON customer_profile (phone);
CREATE INDEX customer_profile_email ON customer_profile (email);

-- The consent in force per customer, channel and purpose, with its provenance.
CREATE TABLE customer_consent (
    customer_id     VARCHAR(128) NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    purpose         VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    source          VARCHAR(32)  NOT NULL,
    expressed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    proof           VARCHAR(256),
    previous_status VARCHAR(16),
    PRIMARY KEY (customer_id, channel, purpose)
);
