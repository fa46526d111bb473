using Cchc.Storage.Internal;

namespace Cchc.Storage;

/// <summary>Opens the configured provider: SQLite by data directory, PostgreSQL by connection string.</summary>
public static class ScoreStorageFactory
{
    /// <summary>Creates the storage without touching the schema; call <see cref="ScoreStorage.MigrateAsync"/> next.</summary>
    public static ScoreStorage Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        StorageDialect dialect = options.Provider == StorageProvider.Sqlite
            ? new SqliteDialect(options.DataDirectory!, options.SqliteBusyTimeout)
            : new PostgresDialect(options.ConnectionString!);
        return new ScoreStorage(dialect, options);
    }

    /// <summary>Creates the storage and brings its schema up to date: what start-up calls.</summary>
    public static async Task<ScoreStorage> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        var storage = Create(options);
        try
        {
            await storage.MigrateAsync(cancellationToken);
            return storage;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }
}
