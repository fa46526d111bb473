-- Grain state for Microsoft.Orleans.Persistence.AdoNet (invariant "Npgsql"). The provider ships no SQL: at start
-- it reads its statements from OrleansQuery by key (WriteToStorageKey, ReadFromStorageKey, ClearStorageKey) and
-- binds these parameters to them:
--   @ServiceId, @GrainTypeString (Orleans passes the [PersistentState] name here), @GrainIdN0, @GrainIdN1,
--   @GrainIdExtensionString (NULL for an integer or GUID key without extension), @GrainIdHash, @GrainTypeHash,
--   @GrainStateVersion (the ETag as an integer, NULL before the first write), @PayloadBinary (serialized state).
-- The two hashes only narrow an index in upstream's own schema; here the full key is the primary key, so they are
-- not stored. Unquoted OrleansQuery/QueryKey/QueryText fold to lower case, which is what the provider's unquoted
-- SELECT finds. Re-running this script leaves an existing schema and its queries untouched.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey   varchar(64) NOT NULL PRIMARY KEY,
    QueryText  text        NOT NULL
);

-- One row per (service, state name, grain). Cchc's storage passes "<grain type>/<key>" as the string key, so grains
-- of different types never share a row (see GrainIdentityStorage). version is the ETag: 1 on the first write, +1 on
-- every write or clear. A cleared state keeps its row with a NULL payload so the version never goes back: a stale
-- writer can never match a recreated row. payload is json: PostgreSQL checks it and keeps the text exactly as the
-- serializer wrote it.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id    text        NOT NULL,
    state_name    text        NOT NULL,
    grain_key     text        NOT NULL,  -- @GrainIdExtensionString, '' when NULL
    grain_key_n0  bigint      NOT NULL,
    grain_key_n1  bigint      NOT NULL,
    version       integer     NOT NULL CHECK (version > 0),
    payload       json        NULL,
    updated_at    timestamptz NOT NULL,  -- for operators only
    PRIMARY KEY (service_id, state_name, grain_key, grain_key_n0, grain_key_n1)
);

-- Returns exactly one row: the new version, or NULL when the expected version did not match (the provider then
-- throws InconsistentStateException). Both branches run in one statement: the update matches only the expected
-- version (a concurrent writer's committed update makes it match nothing), the insert runs only when no version
-- was expected and does nothing if the row already exists.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $query$
WITH updated AS (
    UPDATE orleans_grain_state
    SET version = version + 1, payload = convert_from(@PayloadBinary, 'UTF8')::json, updated_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_key = COALESCE(@GrainIdExtensionString, '')
      AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state
        (service_id, state_name, grain_key, grain_key_n0, grain_key_n1, version, payload, updated_at)
    SELECT @ServiceId, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''), @GrainIdN0, @GrainIdN1, 1,
           convert_from(@PayloadBinary, 'UTF8')::json, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (service_id, state_name, grain_key, grain_key_n0, grain_key_n1) DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS "NewGrainStateVersion";
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- No row when the grain was never written; a NULL payload (cleared) makes Orleans create a fresh state.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $query$
SELECT convert_to(payload::text, 'UTF8') AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_key = COALESCE(@GrainIdExtensionString, '')
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- Keeps the row, drops the payload and bumps the version; one row back like the write.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $query$
WITH cleared AS (
    UPDATE orleans_grain_state
    SET version = version + 1, payload = NULL, updated_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_key = COALESCE(@GrainIdExtensionString, '')
      AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS "NewGrainStateVersion";
$query$) ON CONFLICT (QueryKey) DO NOTHING;
