using Orleans.Hosting;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>Orleans ADO.NET clustering (PostgreSQL) and reminders (PostgreSQL or SQLite) on the project's database, with its schema.</summary>
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
    /// Durable reminders (Microsoft.Orleans.Reminders.AdoNet) in the project's database: PostgreSQL, or the SQLite file
    /// of a single node (the project's own reminder schema for SQLite; Orleans ships none). The silo applies the schema
    /// scripts at start.
    /// </summary>
    public static ISiloBuilder UseCchcReminderService(this ISiloBuilder builder, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connection = OrleansConnection.For(options);
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
