-- Grain state: one row per (state name, grain id); the ETag is a fresh random token on every write.
CREATE TABLE grain_state (
    state_name  TEXT NOT NULL,
    grain_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,
    etag        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (state_name, grain_id)
) WITHOUT ROWID;

-- Every score change, in the order it was committed. Rows are never updated or deleted.
CREATE TABLE score_audit (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    grain_id           TEXT NOT NULL,
    at                 TEXT NOT NULL,     -- UTC, ISO 8601 with microseconds: sorts as text
    at_offset_minutes  INTEGER NOT NULL,  -- the offset the caller stamped the entry with
    principal          TEXT NOT NULL,
    unit_code          TEXT NOT NULL,
    period             TEXT NOT NULL,
    item_code          TEXT NOT NULL,
    stage              TEXT NOT NULL,
    old_value          TEXT NULL,
    new_value          TEXT NULL,
    evidence           TEXT NOT NULL,     -- JSON array of evidence references
    comment            TEXT NULL,
    idempotency_key    TEXT NULL
);

CREATE INDEX ix_score_audit_unit_period ON score_audit (unit_code, period, id);

CREATE TRIGGER score_audit_no_update BEFORE UPDATE ON score_audit
BEGIN
    SELECT RAISE(ABORT, 'score_audit is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER score_audit_no_delete BEFORE DELETE ON score_audit
BEGIN
    SELECT RAISE(ABORT, 'score_audit is append-only: DELETE is not allowed');
END;

-- The first answer to a request carrying an idempotency key; a resubmission gets the same answer.
CREATE TABLE idempotency (
    grain_id         TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    response         TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    PRIMARY KEY (grain_id, idempotency_key)
) WITHOUT ROWID;
