-- Scores as events: an accepted batch's audit rows ARE its events. A batch appends its rows (stamped with the
-- stream's new version), its idempotency record and now and then a snapshot, in one transaction; nothing rewrites
-- a commune's whole state any more. The stream row carries the version the optimistic check runs against.
CREATE TABLE score_stream (
    grain_id    text        NOT NULL PRIMARY KEY,  -- 'commune/<code>/<period>'
    version     bigint      NOT NULL,              -- accepted batches so far
    updated_at  timestamptz NOT NULL
);

-- The state after some version, so that activation reads the snapshot and the events after it only.
CREATE TABLE score_snapshot (
    grain_id    text        NOT NULL PRIMARY KEY,
    version     bigint      NOT NULL,
    payload     text        NOT NULL,              -- the grain's own JSON
    taken_at    timestamptz NOT NULL
);

-- Rows written before this script have no version: their effect is in the snapshot converted below.
ALTER TABLE score_audit
    ADD COLUMN payload text NULL,     -- the value as the grain replays it (JSON)
    ADD COLUMN version bigint NULL;   -- the batch's version in its stream

-- One batch per version per stream, each item once in it: a second guard behind the stream row's check.
CREATE UNIQUE INDEX ux_score_audit_stream_version ON score_audit (grain_id, version, item_code) WHERE version IS NOT NULL;

-- Communes stored whole before events existed become streams at their version with that state as snapshot
-- (the stored JSON is the snapshot format). Their grain_state rows are left as they were and no longer read.
INSERT INTO score_stream (grain_id, version, updated_at)
    SELECT grain_id, (payload::jsonb ->> 'version')::bigint, updated_at
    FROM grain_state WHERE state_name = 'scores';

INSERT INTO score_snapshot (grain_id, version, payload, taken_at)
    SELECT grain_id, (payload::jsonb ->> 'version')::bigint, payload, updated_at
    FROM grain_state WHERE state_name = 'scores';
