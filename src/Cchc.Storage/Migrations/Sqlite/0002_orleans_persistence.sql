-- Grain state for Microsoft.Orleans.Persistence.AdoNet (invariant "System.Data.SQLite", which Orleans maps to
-- Microsoft.Data.Sqlite). The provider ships no SQL: at start it reads its statements from OrleansQuery by key
-- (WriteToStorageKey, ReadFromStorageKey, ClearStorageKey) and binds these parameters to them:
--   @ServiceId, @GrainTypeString (Orleans passes the [PersistentState] name here), @GrainIdN0, @GrainIdN1,
--   @GrainIdExtensionString (NULL for an integer or GUID key without extension), @GrainIdHash, @GrainTypeHash,
--   @GrainStateVersion (the ETag as an integer, NULL before the first write), @PayloadBinary (serialized state).
-- The two hashes only narrow an index in upstream's own schema; here the full key is the primary key, so they are
-- not stored. Re-running this script leaves an existing schema and its queries untouched.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey   TEXT NOT NULL PRIMARY KEY,
    QueryText  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- One row per (service, state name, grain). Cchc's storage passes "<grain type>/<key>" as the string key, so grains
-- of different types never share a row (see GrainIdentityStorage). version is the ETag: 1 on the first write, +1 on
-- every write or clear. A cleared state keeps its row with a NULL payload so the version never goes back: a stale
-- writer can never match a recreated row.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id    TEXT    NOT NULL,
    state_name    TEXT    NOT NULL,
    grain_key     TEXT    NOT NULL,  -- @GrainIdExtensionString, '' when NULL
    grain_key_n0  INTEGER NOT NULL,
    grain_key_n1  INTEGER NOT NULL,
    version       INTEGER NOT NULL CHECK (version > 0),
    payload       TEXT    NULL CHECK (payload IS NULL OR json_valid(payload)),
    updated_at    TEXT    NOT NULL,  -- UTC, ISO 8601; for operators only
    PRIMARY KEY (service_id, state_name, grain_key, grain_key_n0, grain_key_n1)
) STRICT, WITHOUT ROWID;

-- Returns exactly one row: the new version, or NULL when the expected version did not match (the provider then
-- throws InconsistentStateException). The upsert is one statement, so the version check and the write are atomic;
-- it inserts only when no version was expected and updates only when the expected version is the stored one.
-- changes() in the second statement is this connection's count for the upsert just before it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO orleans_grain_state
    (service_id, state_name, grain_key, grain_key_n0, grain_key_n1, version, payload, updated_at)
SELECT @ServiceId, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''''), @GrainIdN0, @GrainIdN1, 1,
       CAST(@PayloadBinary AS TEXT), strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM orleans_grain_state
              WHERE service_id = @ServiceId AND state_name = @GrainTypeString
                AND grain_key = COALESCE(@GrainIdExtensionString, '''')
                AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1)
ON CONFLICT (service_id, state_name, grain_key, grain_key_n0, grain_key_n1) DO UPDATE
SET version = orleans_grain_state.version + 1, payload = excluded.payload, updated_at = excluded.updated_at
WHERE @GrainStateVersion IS NOT NULL AND orleans_grain_state.version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
') ON CONFLICT (QueryKey) DO NOTHING;

-- No row when the grain was never written; a NULL payload (cleared) makes Orleans create a fresh state.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT CAST(payload AS BLOB) AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_key = COALESCE(@GrainIdExtensionString, '''')
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1;
') ON CONFLICT (QueryKey) DO NOTHING;

-- Keeps the row, drops the payload and bumps the version; one row back like the write.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, updated_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE service_id = @ServiceId AND state_name = @GrainTypeString
  AND grain_key = COALESCE(@GrainIdExtensionString, '''')
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
SELECT NULL AS NewGrainStateVersion WHERE changes() = 0;
') ON CONFLICT (QueryKey) DO NOTHING;
