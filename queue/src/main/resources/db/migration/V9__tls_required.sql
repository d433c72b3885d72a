-- What the sender asked of TLS (RFC 8689): 'REQUIRETLS' (the MAIL FROM parameter), 'NO' (a
-- TLS-Required: No header field), or NULL (neither: the relay's TLS policy decides). Spool files
-- carry it too, in an optional tls-required header line, so a rebuilt index keeps it.
-- Kept to SQL that H2 and PostgreSQL both accept, like V1 to V5 and V8.
ALTER TABLE message ADD COLUMN tls_required VARCHAR(10);
ALTER TABLE message ADD CONSTRAINT message_tls_required
    CHECK (tls_required IN ('REQUIRETLS', 'NO'));
