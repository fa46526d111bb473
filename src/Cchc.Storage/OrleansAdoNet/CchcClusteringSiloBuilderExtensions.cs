using Orleans.Hosting;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>Orleans ADO.NET clustering and reminders on the project's PostgreSQL database, with its schema.</summary>
public static class CchcClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Silos of one cluster (same ClusterId) find each other through the membership table in PostgreSQL
    /// (Microsoft.Orleans.Clustering.AdoNet). The silo applies the schema scripts at start.
    /// </summary>
    public static ISiloBuilder UseCchcClustering(this ISiloBuilder builder, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = PostgresOnly(options, "clustering", "UseLocalhostClustering()");
        builder.Services.AddCchcSchemaMigration(options);
        return builder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = connection.Invariant;
            clustering.ConnectionString = connection.ConnectionString;
        });
    }

    /// <summary>
    /// Durable reminders in PostgreSQL (Microsoft.Orleans.Reminders.AdoNet). The silo applies the schema scripts at
    /// start.
    /// </summary>
    public static ISiloBuilder UseCchcReminderService(this ISiloBuilder builder, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = PostgresOnly(options, "reminders", "UseInMemoryReminderService() or grain timers");
        builder.Services.AddCchcSchemaMigration(options);
        return builder.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = connection.Invariant;
            reminders.ConnectionString = connection.ConnectionString;
        });
    }

    internal static OrleansConnection PostgresOnly(StorageOptions options, string feature, string alternative)
    {
        var connection = OrleansConnection.For(options);
        if (options.Provider != StorageProvider.PostgreSql)
        {
            throw new ArgumentException(
                $"Orleans ADO.NET {feature} needs PostgreSQL; the {options.Provider} provider has none. " +
                $"Configure PostgreSQL, or use {alternative} for a single SQLite node.", nameof(options));
        }

        return connection;
    }
}
