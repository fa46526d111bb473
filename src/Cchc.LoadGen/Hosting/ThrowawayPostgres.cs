using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cchc.LoadGen.Hosting;

/// <summary>
/// A PostgreSQL 15 cluster of its own in a temp directory on a free loopback port (the recipe of
/// tests/Cchc.Testing/PostgresCluster.cs): initdb as the postgres user when run as root, fsync on, so commits
/// are as durable as a real deployment's. Removed on dispose.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string DatabaseName = "cchc_bench";
    private readonly string _binDir;
    private readonly string _root;
    private readonly string _dataDir;

    private ThrowawayPostgres(string binDir, string root, int port)
    {
        _binDir = binDir;
        _root = root;
        _dataDir = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>The connection string the server is given.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={DatabaseName};Pooling=true;Maximum Pool Size=50;Timeout=15";

    /// <summary>The postmaster's pid, for CPU accounting of it and its backends.</summary>
    public int? PostmasterPid
    {
        get
        {
            var file = Path.Combine(_dataDir, "postmaster.pid");
            try
            {
                return File.Exists(file) ? int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture) : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public static async Task<ThrowawayPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var binDir = Environment.GetEnvironmentVariable("CCHC_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(binDir, "initdb")))
        {
            throw new BenchException($"PostgreSQL binaries not found in {binDir}; install postgresql-15 or set CCHC_PG_BIN.");
        }

        var root = Directory.CreateTempSubdirectory("cchc-bench-pg-").FullName;
        var cluster = new ThrowawayPostgres(binDir, root, FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false, cancellationToken);
        }

        await cluster.RunPgAsync("initdb", ["-D", cluster._dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken);
        var options = $"-c listen_addresses=127.0.0.1 -p {cluster.Port} -k {root} -c fsync=on -c max_connections=200 -c shared_buffers=256MB";
        await cluster.RunPgAsync("pg_ctl", ["-D", cluster._dataDir, "-l", Path.Combine(root, "postgres.log"), "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=postgres;Pooling=false");
        await admin.OpenAsync(cancellationToken);
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE {DatabaseName}";
        await create.ExecuteNonQueryAsync(cancellationToken);
        return cluster;
    }

    /// <summary>
    /// WAL syncs so far (pg_stat_wal.wal_sync, flushed about every second): every durable commit waits for one,
    /// and read-only transactions cause none, so writes divided by syncs is the commit batch size.
    /// </summary>
    public async Task<long> WalSyncsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT wal_sync FROM pg_stat_wal";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None);
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
        foreach (var a in (string[])[.. asPostgres ? ["-u", "postgres", "--", file] : Array.Empty<string>(), .. args])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new BenchException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BenchException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
