-- Idempotency records are kept for a retention (30 days by default) and pruned oldest first in bounded batches; this
-- index finds a batch without scanning the table. The table is not append-only (score_audit is): deleting is allowed.
CREATE INDEX IF NOT EXISTS ix_idempotency_recorded_at ON idempotency (recorded_at);

-- Durable reminders for Microsoft.Orleans.Reminders.AdoNet on SQLite (invariant "System.Data.SQLite"; Orleans ships
-- no SQL for it). The pruning of idempotency records runs on a reminder, so it survives restarts. At start the provider
-- reads its statements from OrleansQuery by key and binds these parameters:
--   @ServiceId; @GrainId (GrainId.ToString()); @ReminderName; @StartTime (a UTC DateTime, which Microsoft.Data.Sqlite
--   binds as ISO 8601 text and reads back with GetDateTime); @Period (milliseconds); @GrainHash, @BeginHash, @EndHash
--   (uniform hashes cast to signed 32-bit integers: ring ranges compare as signed, as the provider chooses between
--   ReadRangeRows1Key and ReadRangeRows2Key); @Version (the reminder's etag).
-- Read queries return GrainId, ReminderName, StartTime, Period and Version; the upsert returns the new Version; the
-- delete returns one row whose one column is true when the row at @Version was there and is gone.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id     TEXT    NOT NULL,
    grain_id       TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    start_time     TEXT    NOT NULL,
    period         INTEGER NOT NULL,
    grain_hash     INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) STRICT, WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;
') ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
') ON CONFLICT (QueryKey) DO NOTHING;

-- The ring range (@BeginHash, @EndHash] when it does not wrap...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
') ON CONFLICT (QueryKey) DO NOTHING;

-- ...and when it wraps around (a silo alone owns the whole ring: begin = end).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
') ON CONFLICT (QueryKey) DO NOTHING;

-- 1 when created, +1 when replaced; one statement, so two silos upserting at once cannot both see version 1.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS Version;
') ON CONFLICT (QueryKey) DO NOTHING;

-- changes() in the second statement counts the DELETE just before it on this connection.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
SELECT changes() > 0 AS Deleted;
') ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
') ON CONFLICT (QueryKey) DO NOTHING;
