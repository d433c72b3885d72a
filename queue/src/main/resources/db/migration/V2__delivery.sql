-- Delivery: one row per attempt at one recipient, kept for `danerelay queue show` until the
-- message is finished (its rows go with it). Claims need no new column: a claim sets
-- recipient.lease_until (V1) under FOR UPDATE SKIP LOCKED, and an expired lease is free again.
-- Kept to SQL that H2 and PostgreSQL both accept, like V1.

CREATE TABLE attempt (
    message_id    VARCHAR(16)              NOT NULL,
    idx           INTEGER                  NOT NULL, -- recipient.idx
    attempt       INTEGER                  NOT NULL, -- 1 for the first attempt at this recipient
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    relay_host    VARCHAR(255),                      -- null when no connection was made
    relay_address VARCHAR(64),
    relay_port    INTEGER,
    tls           VARCHAR(64),                       -- e.g. 'dane', 'dane:encrypt', 'none'
    dane          VARCHAR(1024),                     -- summary of the TLSA records used
    status        VARCHAR(16)              NOT NULL,
    reply         VARCHAR(4096)            NOT NULL,
    PRIMARY KEY (message_id, idx, attempt),          -- also the index by message
    FOREIGN KEY (message_id, idx) REFERENCES recipient (message_id, idx) ON DELETE CASCADE,
    CONSTRAINT attempt_status CHECK (status IN ('DELIVERED', 'DEFERRED', 'BOUNCED'))
);
