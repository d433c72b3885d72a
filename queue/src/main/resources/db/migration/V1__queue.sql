-- The queue index: one row per message, one per recipient. The spool files in
-- <spoolDir>/messages/ are the durability record; these rows can be rebuilt from them.
-- Kept to SQL that H2 and PostgreSQL both accept: a PostgreSQL queue shares this file.

CREATE TABLE message (
    id             VARCHAR(16)              NOT NULL PRIMARY KEY, -- Crockford base32 queue id
    sender         VARCHAR(1024)            NOT NULL,             -- '' is the null sender
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    size           BIGINT                   NOT NULL,             -- body bytes
    client_address VARCHAR(128)             NOT NULL,
    client_helo    VARCHAR(1024)            NOT NULL,
    spool_file     VARCHAR(1024)            NOT NULL              -- relative to the spool folder
);

CREATE INDEX message_received_at ON message (received_at);

CREATE TABLE recipient (
    message_id   VARCHAR(16)              NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    idx          INTEGER                  NOT NULL, -- position in the RCPT order
    address      VARCHAR(1024)            NOT NULL,
    state        VARCHAR(16)              NOT NULL,
    attempts     INTEGER                  NOT NULL DEFAULT 0,
    next_attempt TIMESTAMP WITH TIME ZONE NOT NULL,
    last_reply   VARCHAR(4096),
    lease_until  TIMESTAMP WITH TIME ZONE,          -- set while a delivery worker holds it
    PRIMARY KEY (message_id, idx),
    CONSTRAINT recipient_state CHECK (state IN ('QUEUED', 'DEFERRED', 'DELIVERED', 'BOUNCED'))
);

-- The scheduler's question: which recipients are due?
CREATE INDEX recipient_due ON recipient (state, next_attempt);
