using Cchc.Api.V1;
using Cchc.Observability;
using Cchc.Security.Authentication;
using Cchc.Security.Grpc;
using Cchc.Server.Admission;
using Cchc.Server.Interceptors;
using Cchc.Server.Mapping;
using Cchc.Server.Services;
using Cchc.Storage;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>
/// The gRPC surface: the cchc.v1 services over their generated bases, the interceptors (call metrics outermost,
/// then error mapping, then the principal's rate limit; the server's limit on calls in flight is middleware ahead of
/// all of them, <see cref="AdmissionMiddleware"/>), request parsing
/// that refuses bad bytes as INVALID_ARGUMENT, grpc.health.v1
/// wired to the storage, and server reflection.
/// </summary>
internal static class ApiHosting
{
    /// <summary>The API's services: health reports the storage's state for each of them and for "" (the whole server).</summary>
    public static readonly IReadOnlyList<string> ServiceNames =
    [
        RegistryService.Descriptor.FullName, FrameworkService.Descriptor.FullName,
        ScoringService.Descriptor.FullName, RankingService.Descriptor.FullName,
        ProgressService.Descriptor.FullName,
        DeadlineService.Descriptor.FullName,
        AnalysisService.Descriptor.FullName,
        ExportService.Descriptor.FullName,
        AuditService.Descriptor.FullName,
    ];

    public static IServiceCollection AddCchcApi(this IServiceCollection services, ServerOptions options, bool secured)
    {
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<GrpcCallMetrics>();
        services.AddSingleton<CallMetricsInterceptor>();
        services.AddSingleton<ErrorInterceptor>();
        services.AddSingleton(sp => new CallAdmission(
            new AdmissionLimits(options.MaxCallsInFlight, options.MaxQueuedCalls, options.MaxQueueWait, options.AdmissionReserve),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(_ => new SnapshotWrites(options.MaxSnapshotWrites));
        services.AddSingleton(sp => new WatchSettings(
            sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping, sp.GetRequiredService<SnapshotWrites>()));
        services.AddSingleton<SharedMessages>();
        services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.MaxSendMessageSize = options.MaxMessageBytes;
            grpc.Interceptors.Add<CallMetricsInterceptor>();
            grpc.Interceptors.Add<ErrorInterceptor>();
            if (secured)
            {
                grpc.Interceptors.Add<RateLimitInterceptor>();
            }
        });
        services.AddGrpcReflection();

        // The silo's score storage (a singleton of the shared container, open once the silo started), looked up per ping.
        services.AddSingleton(sp => new StorageHealthMonitor(
            cancellationToken => sp.GetRequiredService<IScoreStorage>().PingAsync(cancellationToken),
            new StorageHealthMonitorOptions
            {
                Interval = options.HealthCheckInterval,
                TimeProvider = options.TimeProvider,
                ProviderName = ServerStorage.Of(options).Options.Provider == StorageProvider.PostgreSql ? "postgresql" : "sqlite",
            },
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Cchc.Server.Health")));
        services.AddHostedService<StorageHealthMonitorService>();
        services.AddGrpcHealthChecks(health =>
        {
            health.Services.Clear();
            foreach (var name in ServiceNames.Prepend(""))
            {
                health.Services.Map(name, _ => true);
            }
        })
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<StoppingHealthCheck>("stopping");

        // Watch streams are fed by the publisher: as often as the storage is pinged, from the start.
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = options.HealthCheckInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.HealthCheckInterval;
        });
        BindThroughApiMethodProvider(services);
        return services;
    }

    public static IEndpointRouteBuilder MapCchcApi(this IEndpointRouteBuilder endpoints, bool secured)
    {
        Protect(endpoints.MapGrpcService<RegistryApi>(), secured);
        Protect(endpoints.MapGrpcService<FrameworkApi>(), secured);
        Protect(endpoints.MapGrpcService<ScoringApi>(), secured);
        Protect(endpoints.MapGrpcService<RankingApi>(), secured);
        Protect(endpoints.MapGrpcService<ProgressApi>(), secured);
        Protect(endpoints.MapGrpcService<DeadlineApi>(), secured);
        Protect(endpoints.MapGrpcService<AnalysisApi>(), secured);
        Protect(endpoints.MapGrpcService<ExportApi>(), secured);
        Protect(endpoints.MapGrpcService<AuditApi>(), secured);

        // Open: load balancers and tools reach them without a token.
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    // grpc-dotnet's binder (internal, so found by name) gives way to one that answers INVALID_ARGUMENT for request
    // bytes that do not parse and writes a watch's shared messages once encoded (ApiMethodProvider); a grpc-dotnet that
    // renamed it must fail here, not bind twice.
    private static void BindThroughApiMethodProvider(IServiceCollection services)
    {
        var binders = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>) &&
            d.ImplementationType?.Name == "BinderServiceMethodProvider`1").ToList();
        if (binders.Count != 1)
        {
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider was not found; ApiMethodProvider must replace it.");
        }

        services.Remove(binders[0]);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ApiMethodProvider<>));
    }

    private static void Protect(GrpcServiceEndpointConventionBuilder service, bool secured)
    {
        if (secured)
        {
            service.RequireAuthorization(CchcAuthentication.PolicyName);
        }
    }
}
