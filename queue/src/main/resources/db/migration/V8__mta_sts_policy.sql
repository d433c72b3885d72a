-- MTA-STS policies (RFC 8461 5.1) fetched for recipient domains, one row per domain. A cache the
-- relay could lose and fetch again, kept in the queue database so that a restart (and every node
-- on a shared queue) keeps the policies it has seen until they expire: an attacker who blocks a
-- later fetch or the TXT lookup cannot strip a cached policy (RFC 8461 10.2).
-- Kept to SQL that H2 and PostgreSQL both accept, like V1 to V5.

CREATE TABLE mta_sts_policy (
    domain      VARCHAR(253)             NOT NULL PRIMARY KEY, -- lower case, no trailing dot
    policy_id   VARCHAR(32)              NOT NULL,             -- the TXT id it was fetched under
    policy_text VARCHAR(65536)           NOT NULL,             -- the body as served (64 KiB at most)
    fetched_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL              -- fetched_at + max_age
);
