namespace Cchc.Storage.OrleansAdoNet;

/// <summary>One database whose schema a silo brings up to date at start; equal targets migrate once.</summary>
internal sealed record SchemaMigrationTarget(StorageProvider Provider, string Location)
{
    public static SchemaMigrationTarget For(StorageOptions options) =>
        options.Provider == StorageProvider.Sqlite
            ? new SchemaMigrationTarget(options.Provider,
                Path.GetFullPath(Path.Combine(options.DataDirectory!, StorageOptions.SqliteFileName)))
            : new SchemaMigrationTarget(options.Provider, options.ConnectionString!);
}
