using System.Diagnostics;
using Npgsql;

namespace Cchc.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp directory on a free loopback port, started from the image's
/// binaries (never a system service). initdb refuses root, so as root it runs as the `postgres` user.
/// Fails loudly when it cannot start: a PostgreSQL run is never silently skipped.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string DefaultBinDir = "/usr/lib/postgresql/15/bin";
    private readonly string _binDir;
    private readonly string _root;
    private readonly string _dataDir;
    private readonly string _logFile;
    private bool _running;

    private PostgresCluster(string binDir, string root, int port)
    {
        _binDir = binDir;
        _root = root;
        _dataDir = Path.Combine(root, "data");
        _logFile = Path.Combine(root, "postgres.log");
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string to the `postgres` database as the `postgres` superuser.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=5";

    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDir = Environment.GetEnvironmentVariable("CCHC_PG_BIN") ?? DefaultBinDir;
        if (!File.Exists(Path.Combine(binDir, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL binaries not found in {binDir}; install postgresql-15 or set CCHC_PG_BIN.");
        }

        var root = Directory.CreateTempSubdirectory("cchc-pg-").FullName;
        var cluster = new PostgresCluster(binDir, root, LoopbackPort.Free());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false, cancellationToken);
        }

        await cluster.RunPgAsync("initdb", ["-D", cluster._dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync"], cancellationToken);
        await cluster.StartServerAsync(cancellationToken);
        return cluster;
    }

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"cchc_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server but keeps its data: used to show what happens when storage goes away.</summary>
    /// <param name="mode">pg_ctl's shutdown mode: "fast" (sessions ended, clean stop) or "immediate" (as a crash: recovery at the next start).</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    public async Task StopServerAsync(string mode = "fast", CancellationToken cancellationToken = default)
    {
        if (_running)
        {
            await RunPgAsync("pg_ctl", ["-D", _dataDir, "-m", mode, "-w", "stop"], cancellationToken);
            _running = false;
        }
    }

    public async Task StartServerAsync(CancellationToken cancellationToken = default)
    {
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c fsync=on -c max_connections=200";
        await RunPgAsync("pg_ctl", ["-D", _dataDir, "-l", _logFile, "-o", options, "-w", "-t", "60", "start"],
            cancellationToken);
        _running = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task RunPgAsync(string tool, string[] args, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDir, tool), args, asPostgres: Environment.UserName == "root", cancellationToken);

    private static async Task RunAsync(string file, string[] args, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
