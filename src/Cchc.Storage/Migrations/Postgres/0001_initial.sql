-- Grain state: one row per (state name, grain id); the ETag is a fresh random token on every write.
CREATE TABLE grain_state (
    state_name  text        NOT NULL,
    grain_id    text        NOT NULL,
    payload     text        NOT NULL,
    etag        text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (state_name, grain_id)
);

-- Every score change, in the order it was committed. Rows are never updated or deleted.
CREATE TABLE score_audit (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grain_id           text        NOT NULL,
    at                 timestamptz NOT NULL,
    at_offset_minutes  integer     NOT NULL,  -- the offset the caller stamped the entry with
    principal          text        NOT NULL,
    unit_code          text        NOT NULL,
    period             text        NOT NULL,
    item_code          text        NOT NULL,
    stage              text        NOT NULL,
    old_value          text        NULL,
    new_value          text        NULL,
    evidence           text[]      NOT NULL,
    comment            text        NULL,
    idempotency_key    text        NULL
);

CREATE INDEX ix_score_audit_unit_period ON score_audit (unit_code, period, id);

CREATE FUNCTION score_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'score_audit is append-only: % is not allowed', TG_OP;
END
$$;

CREATE TRIGGER score_audit_no_change BEFORE UPDATE OR DELETE ON score_audit
    FOR EACH ROW EXECUTE FUNCTION score_audit_append_only();

CREATE TRIGGER score_audit_no_truncate BEFORE TRUNCATE ON score_audit
    FOR EACH STATEMENT EXECUTE FUNCTION score_audit_append_only();

-- The first answer to a request carrying an idempotency key; a resubmission gets the same answer.
CREATE TABLE idempotency (
    grain_id         text        NOT NULL,
    idempotency_key  text        NOT NULL,
    response         text        NOT NULL,
    recorded_at      timestamptz NOT NULL,
    PRIMARY KEY (grain_id, idempotency_key)
);
