-- Message bodies in the database, for a queue that several nodes share (issue 14): every node
-- must read the body of any message, so it cannot stay in one node's spool folder. PostgreSQL
-- only; an H2 queue keeps its fsynced spool files (ADR 0001). Version 6 is PostgreSQL's: the
-- next migration shared with H2 is V7.
--
-- The body is cut into chunks of at most 64 KiB, written in the transaction that inserts the
-- message's rows (so the 250 follows one durable commit) and read one chunk at a time: neither a
-- large message nor many at once is ever whole in memory. Rows go with their message.
-- message.spool_file is '' for a message whose body is here.

CREATE TABLE message_body (
    message_id VARCHAR(16) NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    seq        INTEGER     NOT NULL, -- 0, 1, ... in body order
    data       BYTEA       NOT NULL,
    PRIMARY KEY (message_id, seq)
);

-- Chunks are written once and read a few times; TOAST compression would cost CPU on every write
-- for mail that is mostly compressed already (attachments) or small.
ALTER TABLE message_body ALTER COLUMN data SET STORAGE EXTERNAL;
