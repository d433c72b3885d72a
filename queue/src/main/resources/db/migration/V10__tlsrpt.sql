-- TLSRPT (RFC 8460): the TLS outcome of delivery sessions, counted per UTC day, recipient domain,
-- policy and receiving host, for the daily aggregate reports; and which reports were claimed, so
-- that a restart or another node on a shared queue does not send one twice.
-- Kept to SQL that H2 and PostgreSQL both accept, like V1 to V5, V8 and V9.

CREATE TABLE tlsrpt_result (
    report_day    DATE           NOT NULL,  -- UTC
    policy_domain VARCHAR(253)   NOT NULL,
    policy_type   VARCHAR(16)    NOT NULL,  -- tlsa, sts or no-policy-found
    policy_key    VARCHAR(64)    NOT NULL,  -- SHA-256 of policy_string and mx_patterns, hex
    policy_string VARCHAR(65536) NOT NULL,  -- the policy's lines, LF between them
    mx_patterns   VARCHAR(8192)  NOT NULL,  -- sts: the policy's mx lines, LF between them
    mx_host       VARCHAR(253)   NOT NULL,  -- receiving-mx-hostname
    receiving_ip  VARCHAR(45)    NOT NULL,
    sending_ip    VARCHAR(45)    NOT NULL,  -- this relay's address on the connection
    result_type   VARCHAR(40)    NOT NULL,  -- '' for a successful session
    sessions      BIGINT         NOT NULL,
    PRIMARY KEY (report_day, policy_domain, policy_type, policy_key, mx_host, receiving_ip,
                 sending_ip, result_type)
);

CREATE TABLE tlsrpt_sent (
    report_day    DATE                     NOT NULL,
    policy_domain VARCHAR(253)             NOT NULL,
    claimed_by    VARCHAR(255)             NOT NULL,  -- the node that sends it
    claimed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (report_day, policy_domain)
);
