namespace Cchc.Server.Hosting;

/// <summary>
/// Everything the server needs to start. <see cref="ServerConfiguration"/> reads it from appsettings.json, a
/// --config file, CCHC_* variables and flags; tests build it directly.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The host to listen on: an IP address, "localhost", or "*" / "0.0.0.0" for every interface.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port.</summary>
    public int Port { get; init; } = 5000;

    /// <summary>Where the SQLite file cchc.db lives (used unless <see cref="PostgresConnectionString"/> is set).</summary>
    public string DataDirectory { get; init; } = "./data";

    /// <summary>An Npgsql connection string: store in PostgreSQL instead of SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>A grain with no call for this long is deactivated (its state was written before it answered).</summary>
    public TimeSpan IdleTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The largest request or response message, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The most items one SubmitScores batch may carry.</summary>
    public int MaxBatchItems { get; init; } = 1000;

    /// <summary>How long a stop waits for calls in flight.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The clock of the grains (publication dates, audit times, live-watch renewals), tokens and health pings. Orleans'
    /// own loops (message timeouts, membership, idle collection) always run on the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where /metrics (Prometheus text format) is served over HTTP/1.1, apart from the gRPC listener, e.g.
    /// "127.0.0.1:9464" (the command line's default); port 0 picks a free one; null serves no metrics.
    /// </summary>
    public string? MetricsListen { get; init; }

    /// <summary>
    /// The port the Orleans silo listens on for silo-to-silo messages; 0 (the default) takes a free one, so several
    /// servers run side by side on one machine. A cluster member should keep a fixed one: restarted on the same
    /// address and port, a silo retires its dead predecessor's membership row at once. Clients call the gRPC port.
    /// </summary>
    public int SiloPort { get; init; }

    /// <summary>
    /// The Orleans gateway port for external Orleans clients (tools, tests); 0 (the default) opens none. The API's
    /// clients never use it: they call the gRPC port.
    /// </summary>
    public int GatewayPort { get; init; }

    /// <summary>
    /// The IP address the other silos of a cluster reach this one at (PostgreSQL clustering); on a loopback address
    /// the silo listens on loopback only, otherwise on every interface.
    /// </summary>
    public string AdvertisedAddress { get; init; } = "127.0.0.1";

    /// <summary>Silos with the same cluster id on one database form one cluster.</summary>
    public string ClusterId { get; init; } = "cchc";

    /// <summary>
    /// Orleans' service id: part of every stored grain state's key, so it must never change for a database, and is
    /// the same for every server on it.
    /// </summary>
    public string ServiceId { get; init; } = "cchc";

    /// <summary>Serve the Orleans Dashboard at /dashboard on the metrics listener, to national viewers only.</summary>
    public bool Dashboard { get; init; }

    /// <summary>Let anyone, signed in or not, see a PUBLISHED ranking on the live board at /board (default off: sign-in needed).</summary>
    public bool BoardPublic { get; init; }

    /// <summary>
    /// Run as a Kubernetes pod (Microsoft.Orleans.Hosting.Kubernetes): the pod's IP and ids, and its watch on the silo pods.
    /// </summary>
    public bool Kubernetes { get; init; }

    /// <summary>
    /// Ranking updates buffered per live watch (WatchRanking stream) on this server. A watch whose client reads too
    /// slowly for its buffer gets a fresh snapshot instead of the updates it could not hold, never a silent gap.
    /// </summary>
    public int WatchBufferCapacity { get; init; } = 1024;

    /// <summary>Live watches this server serves at once; one more is refused with RESOURCE_EXHAUSTED ("retry later").</summary>
    public int MaxWatches { get; init; } = 10_000;

    /// <summary>
    /// Watch snapshots this server writes at once; a watch whose snapshot is due waits for one of them to be sent. 64
    /// snapshots of the largest province are about 3 MB of the server's output buffers, where 10,000 watchers starting
    /// together held 500 MB.
    /// </summary>
    public int MaxSnapshotWrites { get; init; } = 64;

    /// <summary>
    /// How long an idempotency record is kept before the cluster's pruner deletes it; a retry whose key is older is
    /// treated as a new request.
    /// </summary>
    public TimeSpan IdempotencyRetention { get; init; } = Cchc.Storage.StorageOptions.DefaultIdempotencyRetention;

    /// <summary>
    /// gRPC calls this server handles at once (health, reflection and live watches aside); the next waits for a slot.
    /// 64: the storage's writer is saturated by about that many writes in flight, and each call past that only waits
    /// inside the server, where its deadline is no longer weighed (at ten times capacity, 256 slots left 12 to 16 % of
    /// admitted calls still running at their deadline, 64 left 1.5 to 2 %: README, Reliability).
    /// </summary>
    public int MaxCallsInFlight { get; init; } = 64;

    /// <summary>Calls waiting for a slot at once; one more is refused at once with RESOURCE_EXHAUSTED and a retry hint.</summary>
    public int MaxQueuedCalls { get; init; } = 1024;

    /// <summary>The longest a call waits for a slot before it is refused with RESOURCE_EXHAUSTED and a retry hint.</summary>
    public TimeSpan MaxQueueWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The least time a call's deadline must still leave it (more when the calls already in the server will take longer
    /// to get through); a call whose deadline leaves less is refused at once rather than left to wait and miss it.
    /// </summary>
    public TimeSpan AdmissionReserve { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often the storage is pinged for the health service.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Who may call what (Auth settings: issuer, audience, signing keys, clock skew, rate limit). With no key, the
    /// data directory's own key signs and checks tokens, and a development token is printed at start-up.
    /// </summary>
    public Cchc.Security.CchcSecurityOptions Security { get; init; } = new();

    /// <summary>Authentication off (--insecure-no-auth): callers name themselves; warned on every start.</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>"host:port" as written on the command line.</summary>
    public string Listen => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
