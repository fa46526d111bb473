using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Cchc.Server.Hosting;

/// <summary>
/// Reads <see cref="ServerOptions"/> from, lowest priority first: appsettings.json next to the binary, the file
/// given by --config, CCHC_* environment variables, and command-line flags.
/// </summary>
public static class ServerConfiguration
{
    private static readonly Setting[] Settings =
    [
        new("Listen", "CCHC_LISTEN", "--listen", "HOST:PORT", "where to listen (default 127.0.0.1:5000)"),
        new("DataDir", "CCHC_DATA_DIR", "--data-dir", "DIR", "the SQLite data directory (default ./data)"),
        new("Postgres", "CCHC_POSTGRES", "--postgres", "CONNECTION_STRING", "store in PostgreSQL instead of SQLite"),
        new("IdleMinutes", "CCHC_IDLE_MINUTES", "--idle-minutes", "N", "deactivate grains idle this long (default 15)"),
        new("MaxMessageBytes", "CCHC_MAX_MESSAGE_BYTES", "--max-message-bytes", "N", "largest gRPC message (default 4194304)"),
        new("MaxBatchItems", "CCHC_MAX_BATCH_ITEMS", "--max-batch-items", "N", "most items in one SubmitScores batch (default 1000)"),
        new("IdempotencyRetentionDays", "CCHC_IDEMPOTENCY_RETENTION_DAYS", "--idempotency-retention-days", "N", "keep idempotency records this many days; an older key is treated as new (default 30)"),
        new("MaxCallsInFlight", "CCHC_MAX_CALLS_IN_FLIGHT", "--max-calls-in-flight", "N", "gRPC calls handled at once, health, reflection and watches aside (default 64)"),
        new("MaxQueuedCalls", "CCHC_MAX_QUEUED_CALLS", "--max-queued-calls", "N", "calls waiting for a slot; beyond, RESOURCE_EXHAUSTED with a retry hint (default 1024)"),
        new("MaxQueueWaitMs", "CCHC_MAX_QUEUE_WAIT_MS", "--max-queue-wait-ms", "N", "the longest a call waits for a slot, in ms (default 1000)"),
        new("AuthKey", "CCHC_AUTH_KEY", "--auth-key", "BASE64", "the HMAC-SHA256 key that signs and checks tokens, over Auth:SigningKeys (default: the data directory's key)"),
        new("MetricsListen", "CCHC_METRICS_LISTEN", "--metrics-listen", "HOST:PORT", "where /metrics is served over HTTP/1.1 (default 127.0.0.1:9464; 'off' for none)"),
        new("SiloPort", "CCHC_SILO_PORT", "--silo-port", "PORT", "the Orleans silo's port (default 0: a free port; fix it for a cluster member)"),
        new("GatewayPort", "CCHC_GATEWAY_PORT", "--gateway-port", "PORT", "the Orleans gateway port for Orleans clients (default 0: none)"),
        new("AdvertisedAddress", "CCHC_ADVERTISED_ADDRESS", "--advertised-address", "IP", "the IP the cluster's other silos reach this one at (default 127.0.0.1)"),
        new("ClusterId", "CCHC_CLUSTER_ID", "--cluster-id", "ID", "silos with this id on one PostgreSQL database form one cluster (default cchc)"),
        new("ServiceId", "CCHC_SERVICE_ID", "--service-id", "ID", "part of every stored grain key: never change it for a database (default cchc)"),
        new("Dashboard", "CCHC_DASHBOARD", "--dashboard", "on|off", "the Orleans Dashboard at /dashboard on the metrics listener, national viewers only (default off)"),
        new("BoardPublic", "CCHC_BOARD_PUBLIC", "--board-public", "on|off", "anyone may see published rankings on the live board at /board, without signing in (default off)"),
        new("Kubernetes", "CCHC_KUBERNETES", "--kubernetes", "on|off", "run as a Kubernetes pod (Orleans Kubernetes hosting; needs --postgres) (default off)"),
    ];

    /// <summary>The standard port of a Prometheus exporter, on loopback.</summary>
    public const string DefaultMetricsListen = "127.0.0.1:9464";

    public static string Usage =>
        "Usage: cchc-server [--config FILE] " + string.Join(' ', Settings.Select(s => $"[{s.Flag} {s.Placeholder}]")) + Environment.NewLine +
        string.Join(Environment.NewLine, Settings.Select(s => $"  {s.Flag,-20} {s.Help} (env {s.Environment})")) +
        Environment.NewLine + SecuritySettings.UsageLine;

    /// <summary>True when the arguments ask for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <exception cref="ServerConfigurationException">A setting is missing, unknown or malformed.</exception>
    public static ServerOptions Read(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var insecure = args.Contains(SecuritySettings.InsecureFlag);
        var flags = ParseFlags([.. args.Where(a => a != SecuritySettings.InsecureFlag)]);
        var builder = new ConfigurationBuilder().AddJsonFile(Path.Combine(baseDirectory, "appsettings.json"), optional: true);
        if (flags.Remove("--config", out var configFile))
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new ServerConfigurationException($"--config: the file {path} does not exist.");
            }

            builder.AddJsonFile(path, optional: false);
        }

        IConfiguration file;
        try
        {
            file = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new ServerConfigurationException($"The configuration file cannot be read: {e.Message}", e);
        }

        var values = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        foreach (var setting in Settings)
        {
            if (flags.TryGetValue(setting.Flag, out var flag))
            {
                values[setting.Key] = (flag, setting.Flag);
            }
            else if (environment.GetValueOrDefault(setting.Environment) is { Length: > 0 } env)
            {
                values[setting.Key] = (env, setting.Environment);
            }
            else if (file[setting.Key] is { Length: > 0 } configured)
            {
                values[setting.Key] = (configured, $"configuration key {setting.Key}");
            }
        }

        if (flags.Keys.FirstOrDefault(k => !Settings.Any(s => s.Flag == k)) is { } unknown)
        {
            throw new ServerConfigurationException($"Unknown option {unknown}. {Usage}");
        }

        var options = new ServerOptions { MetricsListen = DefaultMetricsListen };
        if (values.TryGetValue("Listen", out var listen))
        {
            var (host, port) = ParseListen(listen.Value, listen.Source);
            options = options with { Host = host, Port = port };
        }

        if (values.TryGetValue("DataDir", out var dataDir))
        {
            options = options with { DataDirectory = dataDir.Value };
        }

        if (values.TryGetValue("Postgres", out var postgres))
        {
            options = options with { PostgresConnectionString = postgres.Value };
        }

        if (values.TryGetValue("IdleMinutes", out var idle))
        {
            options = options with { IdleTime = TimeSpan.FromMinutes(ParseNumber(idle, 1, 7 * 24 * 60)) };
        }

        if (values.TryGetValue("MaxMessageBytes", out var maxMessage))
        {
            options = options with { MaxMessageBytes = ParseNumber(maxMessage, 1024, 1024 * 1024 * 1024) };
        }

        if (values.TryGetValue("MaxBatchItems", out var maxItems))
        {
            options = options with { MaxBatchItems = ParseNumber(maxItems, 1, 1_000_000) };
        }

        if (values.TryGetValue("IdempotencyRetentionDays", out var retention))
        {
            var (min, max) = ((int)Cchc.Storage.StorageOptions.MinIdempotencyRetention.TotalDays, (int)Cchc.Storage.StorageOptions.MaxIdempotencyRetention.TotalDays);
            options = options with { IdempotencyRetention = TimeSpan.FromDays(ParseNumber(retention, min, max)) };
        }

        if (values.TryGetValue("MaxCallsInFlight", out var inFlight))
        {
            options = options with { MaxCallsInFlight = ParseNumber(inFlight, 1, 1_000_000) };
        }

        if (values.TryGetValue("MaxQueuedCalls", out var queued))
        {
            options = options with { MaxQueuedCalls = ParseNumber(queued, 0, 1_000_000) };
        }

        if (values.TryGetValue("MaxQueueWaitMs", out var queueWait))
        {
            options = options with { MaxQueueWait = TimeSpan.FromMilliseconds(ParseNumber(queueWait, 1, 600_000)) };
        }

        if (values.TryGetValue("SiloPort", out var siloPort))
        {
            options = options with { SiloPort = ParseNumber(siloPort, 0, 65535) };
        }

        if (values.TryGetValue("GatewayPort", out var gatewayPort))
        {
            options = options with { GatewayPort = ParseNumber(gatewayPort, 0, 65535) };
        }

        if (values.TryGetValue("AdvertisedAddress", out var advertised))
        {
            options = options with { AdvertisedAddress = ParseAddress(advertised) };
        }

        if (values.TryGetValue("ClusterId", out var clusterId))
        {
            options = options with { ClusterId = ParseId(clusterId) };
        }

        if (values.TryGetValue("ServiceId", out var serviceId))
        {
            options = options with { ServiceId = ParseId(serviceId) };
        }

        if (values.TryGetValue("Dashboard", out var dashboard))
        {
            options = options with { Dashboard = ParseSwitch(dashboard) };
        }

        if (values.TryGetValue("BoardPublic", out var boardPublic))
        {
            options = options with { BoardPublic = ParseSwitch(boardPublic) };
        }

        if (values.TryGetValue("Kubernetes", out var kubernetes))
        {
            options = options with { Kubernetes = ParseSwitch(kubernetes) };
        }

        if (values.TryGetValue("MetricsListen", out var metrics))
        {
            options = options with { MetricsListen = metrics.Value == "off" ? null : ParseMetricsListen(metrics) };
        }

        // Requests are told apart by the port they arrive on, so /metrics needs one of its own.
        if (options.MetricsListen is { } metricsListen && Observability.MetricsListenAddress.Parse(metricsListen).Port == options.Port)
        {
            throw new ServerConfigurationException(
                $"--metrics-listen {metricsListen} uses the gRPC port {options.Port}; give /metrics a port of its own (default {DefaultMetricsListen}), or 'off'.");
        }

        // A pod advertises its own IP unless told otherwise (the Deployment passes it as POD_IP too).
        if (options.Kubernetes && !values.ContainsKey("AdvertisedAddress") && environment.GetValueOrDefault("POD_IP") is { Length: > 0 } podIp)
        {
            options = options with { AdvertisedAddress = ParseAddress((podIp, "POD_IP")) };
        }

        CheckCluster(options);
        options = options with
        {
            Security = SecuritySettings.Read(file, environment, values.TryGetValue("AuthKey", out var authKey) ? authKey : null),
            InsecureNoAuth = insecure,
        };
        if (options.Dashboard && (options.InsecureNoAuth || options.MetricsListen is null))
        {
            throw new ServerConfigurationException(options.InsecureNoAuth
                ? "--dashboard on needs authentication (national viewers only); drop --insecure-no-auth."
                : "--dashboard on is served on the metrics listener; give --metrics-listen HOST:PORT instead of 'off'.");
        }

        if (options.BoardPublic && options.MetricsListen is null)
        {
            throw new ServerConfigurationException("--board-public on opens the board, which is served on the metrics listener; give --metrics-listen HOST:PORT instead of 'off'.");
        }

        return options;
    }

    /// <summary>Reads "HOST:PORT" ("127.0.0.1:5000", "localhost:8080", "[::1]:5000", "*:5000").</summary>
    /// <exception cref="ServerConfigurationException">It is not such an endpoint.</exception>
    public static (string Host, int Port) ParseListen(string text, string source = "--listen")
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : "";
        var portText = colon >= 0 ? text[(colon + 1)..] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        var hostOk = host is "*" or "localhost" || (IPAddress.TryParse(host, out var ip) && (host.Contains(':', StringComparison.Ordinal) == (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)));
        if (!hostOk || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ServerConfigurationException(
                $"{source}: '{text}' is not HOST:PORT; give an IP address, localhost or * and a port from 1 to 65535, e.g. 127.0.0.1:5000.");
        }

        return (host, port);
    }

    private static string ParseMetricsListen((string Value, string Source) setting)
    {
        try
        {
            Observability.MetricsListenAddress.Parse(setting.Value);
            return setting.Value;
        }
        catch (ArgumentException e)
        {
            throw new ServerConfigurationException($"{setting.Source}: {e.Message}", e);
        }
    }

    private static void CheckCluster(ServerOptions options)
    {
        var ports = new[] { ("--silo-port", options.SiloPort), ("--gateway-port", options.GatewayPort) };
        var taken = new List<(string Name, int Port)> { ("--listen", options.Port) };
        if (options.MetricsListen is { } metricsListen)
        {
            taken.Add(("--metrics-listen", Observability.MetricsListenAddress.Parse(metricsListen).Port));
        }

        foreach (var (name, port) in ports.Where(p => p.Item2 != 0))
        {
            if (taken.FirstOrDefault(t => t.Port == port) is { Name: { } other })
            {
                throw new ServerConfigurationException($"{name} {port} is also the {other} port; give each its own port.");
            }

            taken.Add((name, port));
        }

        if (options.PostgresConnectionString is null)
        {
            var clusterOnly = (options.Kubernetes ? "--kubernetes on" : null) ??
                (!IPAddress.IsLoopback(IPAddress.Parse(options.AdvertisedAddress)) ? $"--advertised-address {options.AdvertisedAddress}" : null);
            if (clusterOnly is not null)
            {
                throw new ServerConfigurationException(
                    $"{clusterOnly} is for a cluster, and a cluster needs PostgreSQL: add --postgres CONNECTION_STRING (SQLite serves one node on loopback).");
            }
        }
    }

    private static string ParseAddress((string Value, string Source) setting) =>
        IPAddress.TryParse(setting.Value, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? address.ToString()
            : throw new ServerConfigurationException(
                $"{setting.Source}: '{setting.Value}' is not an IP address other silos can reach; give this machine's address, e.g. 10.0.0.5 (a name or 0.0.0.0 cannot be advertised).");

    private static string ParseId((string Value, string Source) setting) =>
        setting.Value.Length is > 0 and <= 100 && setting.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? setting.Value
            : throw new ServerConfigurationException(
                $"{setting.Source}: '{setting.Value}' is not an id; use up to 100 letters, digits, '-', '_' or '.'.");

    private static bool ParseSwitch((string Value, string Source) setting) => setting.Value switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new ServerConfigurationException($"{setting.Source}: '{setting.Value}' is not on or off."),
    };

    private static int ParseNumber((string Value, string Source) setting, int min, int max) =>
        int.TryParse(setting.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ServerConfigurationException(
                $"{setting.Source}: '{setting.Value}' is not a whole number from {min} to {max}.");

    private static Dictionary<string, string> ParseFlags(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ServerConfigurationException($"Unexpected argument '{arg}'. {Usage}");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                throw new ServerConfigurationException($"{name} needs a value. {Usage}");
            }

            if (!flags.TryAdd(name, value))
            {
                throw new ServerConfigurationException($"{name} is given twice.");
            }
        }

        return flags;
    }

    private sealed record Setting(string Key, string Environment, string Flag, string Placeholder, string Help);
}
