-- A tamper-evident audit log: each entry carries the SHA-256 of its content and of the entry before it in the same
-- stream (a commune's period), so a row changed, removed or inserted afterwards breaks the chain (see AuditChainHash
-- for the exact encoding). The stream row keeps its chain head so the next append links to it inside its own
-- transaction. Rows written before this script have no hash: verification counts them as not covered.
-- Nullable columns without a default: adding them rewrites no row (and so fires no append-only trigger).
ALTER TABLE score_audit
    ADD COLUMN prev_hash text NULL,   -- the hash of the stream's entry before this one (NULL for the first)
    ADD COLUMN hash text NULL;        -- lowercase hex SHA-256 of prev_hash and this row

ALTER TABLE score_stream ADD COLUMN head_hash text NULL;  -- the hash of the stream's last entry
