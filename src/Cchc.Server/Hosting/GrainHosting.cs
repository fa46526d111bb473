using Cchc.Grains;
using Cchc.Runtime;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>
/// Where the grains run: the one place the grain runtime is hosted. Services only take an <see cref="IGrainFactory"/>
/// from DI. Moving to Orleans replaces <see cref="AddCchcGrains"/> with <c>builder.UseOrleans(silo => ...)</c> (which
/// registers Orleans' IGrainFactory) and the services' <c>using Cchc.Runtime;</c> with <c>using Orleans;</c>.
/// </summary>
internal static class GrainHosting
{
    public static IHostApplicationBuilder AddCchcGrains(this IHostApplicationBuilder builder, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new GrainRuntimeService(options, sp.GetRequiredService<ScoreStorageService>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GrainRuntimeService>());
        builder.Services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntimeService>().Runtime);
        return builder;
    }
}
