using System.Net.Sockets;
using Cchc.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>
/// The running server: one <see cref="WebApplication"/> hosting, in start order, the Orleans silo (which migrates the
/// schema and opens the score storage), the storage health pings, and Kestrel with the cchc.v1 services, health and
/// reflection (h2c) and /metrics (HTTP/1.1). <see cref="StopAsync"/> stops taking calls, ends live watches, drains
/// the calls in flight, stops the silo (grains deactivate) and closes the storage: the reverse order.
/// </summary>
public sealed class CchcServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private Task? _stopped;

    private CchcServerHost(WebApplication app, Uri address, Uri? metricsAddress, string storageDescription, string? securityNotice, string siloLine)
    {
        SiloLine = siloLine;
        _app = app;
        Address = address;
        MetricsAddress = metricsAddress;
        StorageDescription = storageDescription;
        SecurityNotice = securityNotice;
    }

    /// <summary>The address clients use, e.g. http://127.0.0.1:5000/.</summary>
    public Uri Address { get; }

    /// <summary>Where /metrics is served (Prometheus text format), or null when metrics are off.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>What the server stores in, e.g. "SQLite /srv/cchc/data/cchc.db".</summary>
    public string StorageDescription { get; }

    /// <summary>The line printed after the banner about tokens (the development token, or why there is none), or null.</summary>
    public string? SecurityNotice { get; }

    /// <summary>The line the server prints once it serves.</summary>
    public string Banner => $"cchc-server listening on {Address.GetLeftPart(UriPartial.Authority)} (h2c), storing in {StorageDescription}";

    /// <summary>The line printed after the banner: the silo's endpoint and its cluster.</summary>
    public string SiloLine { get; }

    /// <summary>The host's services, for tests that look inside.</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="options">What to serve and where.</param>
    /// <param name="logging">Where logs go (the command line sends them to stderr); none when null.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <exception cref="ServerStartException">The port is taken, the storage cannot be opened, or the options are unusable.</exception>
    public static async Task<CchcServerHost> StartAsync(ServerOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);

        // The process (Program) owns SIGTERM and Ctrl+C, and stops the host itself after printing what it does.
        builder.Services.AddSingleton<IHostLifetime, ProcessOwnedLifetime>();
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.UseCchcListeners(options);
        var securityNotice = builder.Services.AddCchcSecurity(options);
        var secured = !options.InsecureNoAuth;
        var storage = ServerStorage.Of(options).Description;

        // Hosted services start in this order and stop in reverse, Kestrel last to start and first to stop: the silo
        // (schema migrated, score storage open) before the health pings, and both before the listeners open.
        var siloPort = builder.AddCchcSilo(options);
        var siloStart = new SiloStartMark();
        builder.Services.AddHostedService(_ => siloStart);
        builder.Services.AddCchcApi(options, secured);
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseCchcMetricsListener(options);

        // Before routing, authentication and grpc-dotnet: a call the server has no room for is refused having cost
        // nothing but its headers, and one it takes holds its slot through all of them.
        app.UseMiddleware<Admission.AdmissionMiddleware>();
        app.UseRouting();
        if (secured)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapCchcApi(secured);
        WarnAboutExposure(app, options);

        if (options.MetricsListen is not null)
        {
            // Before the host starts, so the storage and the grains count from their first operation.
            await PrometheusExposition.StartAsync(cancellationToken);
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await AbandonAsync(app);
            throw StartFailure(e, options, siloStart.SiloStarted ? null : siloPort, storage);
        }

        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToList();
        var host = options.Host is "*" or "0.0.0.0" ? "127.0.0.1" : options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
        var address = new Uri($"http://{host}:{options.Port}/");
        var metrics = options.MetricsListen is { } listen
            ? MetricsUri(MetricsListenAddress.Parse(listen), ports.Where(p => p.Port != options.Port).Select(p => p.Port).FirstOrDefault())
            : null;
        if (metrics is not null)
        {
            CchcLog.MetricsListening(app.Logger, metrics.ToString());
        }

        var silo = app.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.Endpoint;
        var siloLine = options.PostgresConnectionString is null
            ? $"cchc-server silo {silo} alone (SQLite: a cluster of one)"
            : $"cchc-server silo {silo} in cluster {options.ClusterId}";
        return new CchcServerHost(app, address, metrics, storage, securityNotice, siloLine);
    }

    /// <summary>Stops taking calls, ends live watches, drains calls in flight, stops the grains, closes the storage.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stopped ??= StopCoreAsync();
        }

        return _stopped.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task StopCoreAsync() => await _app.StopAsync();

    // A failed start leaves the host half started: stopping it stops the silo if it started (its storage closes with
    // it) and any bound listener; disposing it releases the rest.
    private static async Task AbandonAsync(WebApplication app)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(timeout.Token);
        }
#pragma warning disable CA1031 // The start failure is what the operator must read; a failure to clean up after it is not.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await app.DisposeAsync();
    }

    /// <summary>The one line an operator reads when the start failed: which storage or which port, and why.</summary>
    /// <param name="e">What the start threw.</param>
    /// <param name="options">The options the server started with.</param>
    /// <param name="failedSiloPort">The silo's port when the silo did not start, null when it did (the listeners failed).</param>
    /// <param name="storage">The storage's description.</param>
    private static Exception StartFailure(Exception e, ServerOptions options, int? failedSiloPort, string storage)
    {
        if (e is ServerStartException or OperationCanceledException)
        {
            return e;
        }

        // The silo starts first and opens the database (schema scripts, then the score store) before anything listens.
        if (Chain(e).OfType<System.Data.Common.DbException>().FirstOrDefault() is { } database)
        {
            return new ServerStartException($"cannot open the storage ({storage}): {ServerStartException.OneLine(database)}", e);
        }

        if (Chain(e).Any(x => x is IOException or AddressInUseException or SocketException))
        {
            var where = failedSiloPort is { } port ? $"{options.AdvertisedAddress}:{port} (the silo port; --silo-port chooses another)" : ListenOf(e, options);
            return new ServerStartException($"cannot listen on {where}: {ServerStartException.OneLine(e)}", e);
        }

        return new ServerStartException(failedSiloPort is null
            ? $"cannot start: {ServerStartException.OneLine(e)}"
            : $"cannot start the silo over {storage}: {ServerStartException.OneLine(e)}", e);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string ListenOf(Exception e, ServerOptions options) =>
        options.MetricsListen is { } metrics && Chain(e).Any(x => x.Message.Contains(":" + MetricsListenAddress.Parse(metrics).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            ? metrics
            : options.Listen;

    private static Uri MetricsUri(System.Net.IPEndPoint configured, int boundPort)
    {
        var host = configured.Address.Equals(System.Net.IPAddress.Any) ? "127.0.0.1"
            : configured.Address.Equals(System.Net.IPAddress.IPv6Any) ? "[::1]"
            : configured.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{configured.Address}]"
            : configured.Address.ToString();
        return new Uri($"http://{host}:{(configured.Port == 0 ? boundPort : configured.Port)}/metrics");
    }

    private static void WarnAboutExposure(WebApplication app, ServerOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Cchc.Server.Security");
        if (options.InsecureNoAuth)
        {
            ServerLog.Insecure(logger, options.Listen, Cchc.Server.Services.CallPrincipal.Header);
        }
        else if (!SecurityHosting.IsLoopback(options.Host))
        {
            ServerLog.Cleartext(logger, options.Listen);
        }

        // Warned, not refused: the key file is checked on its own (refused unless 0600), and a container volume may be
        // group-owned by design (Kubernetes' fsGroup, an emptyDir) in a way the process cannot change.
        var directory = Path.GetFullPath(options.DataDirectory);
        var used = options.PostgresConnectionString is null ||
            (!options.InsecureNoAuth && options.Security.Tokens.SigningKeys.Count == 0 && options.Security.Tokens.PublicKeysPem.Count == 0);
        if (used && !OperatingSystem.IsWindows() && Directory.Exists(directory) &&
            (File.GetUnixFileMode(directory) & Cchc.Security.Tokens.SigningKeyFile.OthersMode) is not 0)
        {
            ServerLog.OpenDataDirectory(logger, directory, Cchc.Security.Tokens.SigningKeyFile.Octal(File.GetUnixFileMode(directory)));
        }
    }
}
