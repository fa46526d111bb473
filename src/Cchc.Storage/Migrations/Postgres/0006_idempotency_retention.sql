-- Idempotency records are kept for a retention (30 days by default) and pruned oldest first in bounded batches; this
-- index finds a batch without scanning the table. The table is not append-only (score_audit is): deleting is allowed.
CREATE INDEX IF NOT EXISTS ix_idempotency_recorded_at ON idempotency (recorded_at);
