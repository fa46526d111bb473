using Cchc.Storage.Internal;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>
/// Applies the project's versioned schema scripts (Migrations/&lt;provider&gt;) before any Orleans ADO.NET provider
/// reads its queries from OrleansQuery. A silo that cannot migrate does not start.
/// </summary>
internal sealed partial class SchemaMigrationParticipant(
    StorageOptions options,
    ILogger<SchemaMigrationParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // Before RuntimeInitialize: ADO.NET clustering reads its queries as soon as membership starts, grain storage at
    // ApplicationServices.
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), Stage, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        StorageDialect dialect = options.Provider == StorageProvider.Sqlite
            ? new SqliteDialect(options.DataDirectory!)
            : new PostgresDialect(options.ConnectionString!);
        await using (dialect)
        {
            var applied = await new MigrationRunner(dialect, options.TimeProvider).RunAsync(cancellationToken);
            LogMigrated(dialect.ProviderName, applied);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema of the {Provider} database is current ({Applied} scripts applied now).")]
    private partial void LogMigrated(string provider, int applied);
}
