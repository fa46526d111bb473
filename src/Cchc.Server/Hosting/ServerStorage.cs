using Cchc.Storage;

namespace Cchc.Server.Hosting;

/// <summary>The database the server stores in, as the options the silo opens it with and as the banner names it.</summary>
internal static class ServerStorage
{
    /// <summary>What the server stores in, e.g. "SQLite /srv/cchc/data/cchc.db", and the options to open it with.</summary>
    /// <exception cref="ServerStartException">The PostgreSQL connection string cannot be read.</exception>
    public static (StorageOptions Options, string Description) Of(ServerOptions options)
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
            return (StorageOptions.ForPostgreSql(options.PostgresConnectionString) with
                {
                    TimeProvider = options.TimeProvider,
                    IdempotencyRetention = options.IdempotencyRetention,
                },
                $"PostgreSQL {host}/{database}");
        }

        var directory = Path.GetFullPath(options.DataDirectory);
        return (StorageOptions.ForSqlite(directory) with
            {
                TimeProvider = options.TimeProvider,
                IdempotencyRetention = options.IdempotencyRetention,
            },
            $"SQLite {Path.Combine(directory, StorageOptions.SqliteFileName)}");
    }
}
