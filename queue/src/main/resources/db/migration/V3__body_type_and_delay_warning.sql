-- Two facts about a message that delivery needs, both on the message row.
-- Kept to SQL that H2 and PostgreSQL both accept, like V1 and V2.

-- RFC 6152: the BODY the client declared on MAIL FROM, as it wrote it. Rows from before this
-- migration had no BODY kept, and the spool header of their files has none either: 7BIT.
-- Reconciliation refills it from the spool header (its optional `body` line).
ALTER TABLE message ADD COLUMN body_type VARCHAR(8) DEFAULT '7BIT' NOT NULL;
ALTER TABLE message ADD CONSTRAINT message_body_type CHECK (body_type IN ('7BIT', '8BITMIME'));

-- RFC 3464 "Action: delayed": when the one delay warning for this message was claimed, NULL
-- until then. Set by a conditional UPDATE so that exactly one worker sends it. Like the
-- recipient states it is not in the spool header: a re-imported message may warn once more.
ALTER TABLE message ADD COLUMN delay_warned_at TIMESTAMP WITH TIME ZONE;

-- attempt.attempt (V2) numbers the rows of one recipient, 1, 2, ...: one per delivery run
-- (MessageQueue.record) plus one per MX host that failed within a run (MessageQueue.note).
-- recipient.attempts (V1) counts delivery runs only; the retry backoff is taken from it.
