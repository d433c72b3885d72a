-- The postmaster's queue commands (ADR 0011). Kept to SQL that H2 and PostgreSQL both accept,
-- like V1 to V4.

-- HELD: put on hold by `danerelay queue hold`; never claimed (claims take QUEUED and DEFERRED
-- only) and never expired until `queue release` makes it QUEUED or DEFERRED again. A recipient
-- held while a worker was delivering it keeps its lease until that attempt is recorded.
ALTER TABLE recipient DROP CONSTRAINT recipient_state;
ALTER TABLE recipient ADD CONSTRAINT recipient_state
    CHECK (state IN ('QUEUED', 'DEFERRED', 'HELD', 'DELIVERED', 'BOUNCED'));

-- A removal the postmaster asked for (`queue delete`: no DSN; `queue bounce`: a DSN for every
-- pending recipient) that waits for attempts in flight; NULL when none was asked for. Its pending
-- recipients are HELD meanwhile, and the last worker to record an attempt completes it.
ALTER TABLE message ADD COLUMN removal VARCHAR(8);
ALTER TABLE message ADD CONSTRAINT message_removal CHECK (removal IN ('DELETE', 'BOUNCE'));
