using System.Diagnostics.Metrics;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cchc.Server.Hosting;

/// <summary>
/// The score storage as a hosted service: opened (schema migrated) when the host starts, before the grains and the
/// listeners, and closed when it stops, after them. <see cref="IScoreStorage"/> resolves to the open storage.
/// </summary>
internal static class StorageHosting
{
    public static IServiceCollection AddCchcStorage(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(sp => new ScoreStorageService(options, sp.GetRequiredService<IMeterFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<ScoreStorageService>());
        services.AddSingleton<IScoreStorage>(sp => sp.GetRequiredService<ScoreStorageService>().Storage);
        return services;
    }

    /// <summary>What the server stores in, e.g. "SQLite /srv/cchc/data/cchc.db", and the options to open it with.</summary>
    /// <exception cref="ServerStartException">The PostgreSQL connection string cannot be read.</exception>
    public static (StorageOptions Options, string Description) Describe(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
}
