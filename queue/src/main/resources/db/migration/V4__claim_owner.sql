-- Claims name their holder: the node (node.name) and its incarnation (a fresh id per start of the
-- relay). A relay that starts takes back at once the claims of its own earlier incarnations, since
-- that process is gone; the lease (lease_until, V1) remains the safety net only for claims held
-- by other nodes sharing this database. Both are NULL whenever lease_until is.
-- Kept to SQL that H2 and PostgreSQL both accept, like V1 to V3.

ALTER TABLE recipient ADD COLUMN claim_node VARCHAR(255);
ALTER TABLE recipient ADD COLUMN claim_incarnation VARCHAR(16);
