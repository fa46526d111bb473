-- Cluster membership (Microsoft.Orleans.Clustering.AdoNet) and reminders (Microsoft.Orleans.Reminders.AdoNet) on
-- PostgreSQL; SQLite has neither (a single SQLite node uses localhost clustering). Both providers load every row of
-- OrleansQuery (created by 0002) at start and fail if one of their keys is missing. Re-running this script leaves an
-- existing schema and its queries untouched.
--
-- Membership parameters: @DeploymentId (the cluster id), @Address, @Port, @Generation (the silo address), @SiloName,
-- @HostName, @Status (SiloStatus as an integer; 3 = Active), @ProxyPort (gateway port, 0 for none), @SuspectTimes,
-- @StartTime, @IAmAliveTime (UTC), @Version (the table version the caller read). The whole table has one version
-- (the etag of the version row and of every member): an insert or update succeeds only at the version the caller
-- read and moves it on by one, so concurrent changes by different silos are serialized.

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id  text        NOT NULL PRIMARY KEY,
    version        integer     NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id    text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address          text        NOT NULL,
    port             integer     NOT NULL,
    generation       integer     NOT NULL,
    silo_name        text        NULL,
    host_name        text        NOT NULL,
    status           integer     NOT NULL,
    proxy_port       integer     NOT NULL,
    suspect_times    text        NULL,       -- "silo,time|silo,time" as Orleans writes it
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Lock the version row at the expected version first: a silo that read an older version finds no row (READ
-- COMMITTED re-checks the condition after waiting for the writer that moved it) and gets false.
CREATE OR REPLACE FUNCTION cchc_orleans_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz,
    p_version integer) RETURNS boolean LANGUAGE plpgsql AS $function$
BEGIN
    PERFORM 1 FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id AND version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, suspect_times, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
            NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
    WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$function$;

CREATE OR REPLACE FUNCTION cchc_orleans_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer) RETURNS boolean
    LANGUAGE plpgsql AS $function$
BEGIN
    PERFORM 1 FROM orleans_membership_version
    WHERE deployment_id = p_deployment_id AND version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
    WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$function$;

-- True when this call created the version row (version 0), false when it existed; always one row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $query$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version, updated_at)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created);
$query$) ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $query$
SELECT cchc_orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                                      @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$query$) ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $query$
SELECT cchc_orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                      @IAmAliveTime, @Version);
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- The liveness heartbeat: no version change, so it never conflicts with membership changes.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $query$
UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- The version row always comes back (Orleans reads the table version from the first row); member columns are NULL
-- when there is no such member.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $query$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $query$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- Gateways for clients: active silos that listen for clients (@Status is Active).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $query$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- The members go with their version row (ON DELETE CASCADE).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $query$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- Rows of silos that stopped sending heartbeats before @IAmAliveTime and are not Active.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- Reminders: one row per (service, grain, reminder name). @GrainId is GrainId.ToString(), @GrainHash its uniform
-- hash as a signed integer (the silos split the ring by it), @Period milliseconds, @Version the reminder's etag.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_time     timestamptz NOT NULL,
    period         bigint      NOT NULL,
    grain_hash     integer     NOT NULL,
    version        integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- The ring range (@BeginHash, @EndHash] when it does not wrap (begin < end as signed integers)...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- ...and when it wraps around.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- Returns the reminder's new version: 1 when created, +1 when replaced.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $query$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS "Version";
$query$) ON CONFLICT (QueryKey) DO NOTHING;

-- True when the reminder existed at @Version and is now gone; always one row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $query$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted);
$query$) ON CONFLICT (QueryKey) DO NOTHING;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $query$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
$query$) ON CONFLICT (QueryKey) DO NOTHING;
