using System.Net;
using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grpc;
using Cchc.Grpc.Health;
using Cchc.Grpc.Reflection;
using Cchc.Runtime;
using Cchc.Server.Services;
using Cchc.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cchc.Server.Hosting;

/// <summary>
/// The running server: storage opened (schema migrated), grain runtime started, the cchc.v1 services, health
/// and reflection served over cleartext HTTP/2. <see cref="StopAsync"/> stops taking calls, drains those in
/// flight, stops the grain runtime (writing what it holds) and closes the storage.
/// </summary>
public sealed class CchcServerHost : IAsyncDisposable
{
    private static readonly string[] CchcServices =
        [RegistryApi.ServiceName, FrameworkApi.ServiceName, ScoringApi.ServiceName, RankingApi.ServiceName];

    private readonly WebApplication _app;
    private readonly GrainRuntime _runtime;
    private readonly IScoreStorage _storage;
    private readonly GrpcHealthService _health;
    private readonly CancellationTokenSource _stopping;
    private readonly ServerTelemetry _telemetry;
    private readonly ServerSecurity _security;
    private Task? _stopped;

    private CchcServerHost(WebApplication app, GrainRuntime runtime, IScoreStorage storage, GrpcHealthService health,
        CancellationTokenSource stopping, Uri address, string storageDescription, ServerTelemetry telemetry, ServerSecurity security)
    {
        _telemetry = telemetry;
        _security = security;
        _app = app;
        _runtime = runtime;
        _storage = storage;
        _health = health;
        _stopping = stopping;
        Address = address;
        StorageDescription = storageDescription;
    }

    /// <summary>The address clients use, e.g. http://127.0.0.1:5000/.</summary>
    public Uri Address { get; }

    /// <summary>What the server stores in, e.g. "SQLite /srv/cchc/data/cchc.db".</summary>
    public string StorageDescription { get; }

    /// <summary>Where /metrics is served (Prometheus text format), or null when metrics are off.</summary>
    public Uri? MetricsAddress => _telemetry.MetricsAddress;

    /// <summary>The line printed after the banner when the server made its own key: a development token and how to issue others.</summary>
    public string? SecurityNotice => _security.Notice;

    /// <summary>The line the server prints once it serves.</summary>
    public string Banner => $"cchc-server listening on {Address.GetLeftPart(UriPartial.Authority)} (h2c), storing in {StorageDescription}";

    /// <exception cref="ServerStartException">The port is taken, the storage cannot be opened, or the options are unusable.</exception>
    public static async Task<CchcServerHost> StartAsync(ServerOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var (storageOptions, description) = Storage(options);

        // Counting starts when the exporter exists, so it comes before the storage and the grains.
        var telemetry = new ServerTelemetry();
        IScoreStorage storage;
        try
        {
            storage = await ScoreStorageFactory.OpenAsync(storageOptions, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await telemetry.DisposeAsync();
            throw new ServerStartException($"cannot open the storage ({description}): {OneLine(e)}", e);
        }

        GrainRuntime? runtime = null;
        WebApplication? app = null;
        ServerSecurity? security = null;
        var stopping = new CancellationTokenSource();
        try
        {
            security = ServerSecurity.Start(options, loggerFactory.CreateLogger("Cchc.Server.Security"));
            runtime = new GrainRuntimeBuilder()
                .UseTimeProvider(options.TimeProvider)
                .UseLoggerFactory(loggerFactory)
                .Configure(o => o.CollectionAge = options.IdleTime)
                .AddCchcGrains(storage)
                .Build();
            await runtime.StartAsync(cancellationToken);

            var health = new GrpcHealthService();
            var registry = Services(runtime, options, health, stopping.Token, loggerFactory, security.Access);
            app = BuildApp(options, registry, loggerFactory);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or AddressInUseException or System.Net.Sockets.SocketException)
            {
                throw new ServerStartException($"cannot listen on {options.Listen}: {OneLine(e)}", e);
            }

            var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var host = options.Host is "*" or "0.0.0.0" ? "127.0.0.1" : options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
            foreach (var service in CchcServices)
            {
                health.SetStatus(service, GrpcHealthStatus.Serving);
            }

            await telemetry.StartAsync(options, health, ["", .. CchcServices], storage, loggerFactory, cancellationToken);
            return new CchcServerHost(app, runtime, storage, health, stopping, new Uri($"http://{host}:{bound.Port}/"), description, telemetry, security);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (runtime is not null)
            {
                await runtime.DisposeAsync();
            }

            await telemetry.DisposeAsync();
            await storage.DisposeAsync();
            security?.Dispose();
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>Stops taking calls, ends live watches, drains calls in flight, stops the grains, closes the storage.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopping)
        {
            _stopped ??= StopCoreAsync();
        }

        return _stopped.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private async Task StopCoreAsync()
    {
        _health.SetStatus("", GrpcHealthStatus.NotServing);
        foreach (var service in CchcServices)
        {
            _health.SetStatus(service, GrpcHealthStatus.NotServing);
        }

        await _stopping.CancelAsync();
        try
        {
            // The health monitor would otherwise mark the services SERVING again while they drain.
            await _telemetry.DisposeAsync();
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            try
            {
                await _runtime.StopAsync();
            }
            finally
            {
                await _storage.DisposeAsync();
                _security.Dispose();
            }
        }
    }

    private static GrpcServiceRegistry Services(GrainRuntime runtime, ServerOptions options, GrpcHealthService health,
        CancellationToken stopping, ILoggerFactory loggerFactory, ApiAccess access)
    {
        var errors = new ApiErrors(loggerFactory.CreateLogger("Cchc.Server.Api"));
        var registry = new GrpcServiceRegistry();
        new RegistryApi(runtime, access).Register(registry, errors);
        new FrameworkApi(runtime, access).Register(registry, errors);
        new ScoringApi(runtime, access, options.MaxBatchItems).Register(registry, errors);
        var keepAlive = options.IdleTime / 2;
        new RankingApi(runtime, access, new RankingApi.WatchSettings(stopping, keepAlive, options.TimeProvider)).Register(registry, errors);
        registry.AddFileDescriptor(RegistryReflection.Descriptor);
        registry.AddFileDescriptor(FrameworkReflection.Descriptor);
        registry.AddFileDescriptor(ScoringReflection.Descriptor);
        registry.AddFileDescriptor(RankingReflection.Descriptor);
        registry.AddHealthService(health);
        registry.AddReflectionService();
        return registry;
    }

    private static WebApplication BuildApp(ServerOptions options, GrpcServiceRegistry registry, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Action<ListenOptions> http2 = listen => listen.Protocols = HttpProtocols.Http2;
            switch (options.Host)
            {
                case "*" or "0.0.0.0":
                    kestrel.ListenAnyIP(options.Port, http2);
                    break;
                case "localhost":
                    kestrel.ListenLocalhost(options.Port, http2);
                    break;
                default:
                    kestrel.Listen(IPAddress.Parse(options.Host), options.Port, http2);
                    break;
            }
        });
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcServices(registry, new GrpcServiceOptions
        {
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            TimeProvider = options.TimeProvider,
        });
        return app;
    }

    private static (StorageOptions Options, string Description) Storage(ServerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder();
            try
            {
                builder.ConnectionString = options.PostgresConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new ServerStartException($"--postgres: the connection string cannot be read: {e.Message}", e);
            }

            var host = builder.TryGetValue("Host", out var h) ? h : builder.TryGetValue("Server", out var s) ? s : "localhost";
            var database = builder.TryGetValue("Database", out var d) ? d : "(default database)";
            return (StorageOptions.ForPostgreSql(options.PostgresConnectionString) with { TimeProvider = options.TimeProvider },
                $"PostgreSQL {host}/{database}");
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        return (StorageOptions.ForSqlite(directory) with { TimeProvider = options.TimeProvider },
            $"SQLite {Path.Combine(directory, StorageOptions.SqliteFileName)}");
    }

    private static string OneLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not IOException)
        {
            inner = inner.InnerException;
        }

        return inner.Message.ReplaceLineEndings(" ");
    }
}
