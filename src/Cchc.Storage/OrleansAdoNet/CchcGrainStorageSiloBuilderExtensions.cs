using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>Orleans ADO.NET grain storage on the project's database, with the project's schema.</summary>
public static class CchcGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds the named grain storage (<c>[PersistentState("…", name)]</c>) over
    /// Microsoft.Orleans.Persistence.AdoNet on <paramref name="options"/>' database: SQLite (<c>cchc.db</c> in the
    /// data directory) or PostgreSQL. The silo applies the schema scripts at start. State is stored as plain JSON
    /// (<see cref="StableJsonGrainStorageSerializer"/>), one row per grain type, key and state name; a cleared
    /// state keeps its row with no payload so its version keeps counting.
    /// </summary>
    public static ISiloBuilder AddCchcGrainStorage(this ISiloBuilder builder, string name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var connection = OrleansConnection.For(options);

        builder.Services.AddCchcSchemaMigration(options);
        builder.AddAdoNetGrainStorage(name, storage =>
        {
            storage.Invariant = connection.Invariant;
            storage.ConnectionString = connection.ConnectionString;
            storage.GrainStorageSerializer = new StableJsonGrainStorageSerializer();
            storage.DeleteStateOnClear = false;
        });

        // Replaces the provider registered just above with the same provider behind GrainIdentityStorage: the last
        // keyed registration wins, and the lifecycle registration made by AddAdoNetGrainStorage resolves this key,
        // so the provider still initializes exactly once.
        builder.Services.AddKeyedSingleton<IGrainStorage>(name,
            (services, key) => new GrainIdentityStorage(AdoNetGrainStorageFactory.Create(services, (string)key!)));
        return builder;
    }

    internal static void AddCchcSchemaMigration(this IServiceCollection services, StorageOptions options)
    {
        var target = SchemaMigrationTarget.For(options);
        if (services.Any(d => d.ServiceType == typeof(SchemaMigrationTarget) && Equals(d.ImplementationInstance, target)))
        {
            return;
        }

        services.AddSingleton(target);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider =>
            ActivatorUtilities.CreateInstance<SchemaMigrationParticipant>(provider, options));
    }
}
