-- One launcher at a time in a cluster (ADR-0014): the instance holding this lease starts campaign instances; the
-- others stand by and take over when it stops renewing. Portable SQL (H2 and PostgreSQL).
CREATE TABLE campaign_launcher_lease (
    lease_name VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder     VARCHAR(200) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO campaign_launcher_lease (lease_name, holder, expires_at)
VALUES ('campaign-launcher', '-', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00');
