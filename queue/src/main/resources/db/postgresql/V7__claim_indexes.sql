-- Claims on a shared queue (issue 14) walk an index in due order instead of sorting the due rows.
-- PostgreSQL only (H2 has no partial indexes; its single claimer keeps V1's recipient_due).
--
-- Every message leaves a trail of dead row versions in recipient (claimed, recorded, deleted)
-- until autovacuum comes by, at most once a minute by default. The claim query answered by
-- recipient_due (a bitmap scan over both pending states, then a sort) visited every one of them on
-- each claim: in the cluster benchmark 20,000 index entries and 400 heap pages for 27 claimable
-- rows, 3.8 ms a claim and half of PostgreSQL's statement time (docs/cluster.md).
--
-- recipient_claimable holds the rows a claim may take without a lease: in the claim's own order,
-- so a plain index scan stops after the rows it needs, and marks the dead entries it passes so
-- that the next claim skips them. A claimed row leaves it (its new version has a lease).
CREATE INDEX recipient_claimable ON recipient (next_attempt, message_id, idx)
    WHERE state IN ('QUEUED', 'DEFERRED') AND lease_until IS NULL;

-- The rows under a lease, oldest lease first: a claim also takes the recipients whose lease ran
-- out (their node died) without walking the rows in flight.
CREATE INDEX recipient_leased ON recipient (lease_until) WHERE lease_until IS NOT NULL;
