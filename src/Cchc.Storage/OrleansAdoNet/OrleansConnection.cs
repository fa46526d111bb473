using Cchc.Storage.Internal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>The ADO.NET invariant and connection string Orleans' providers use for a <see cref="StorageOptions"/>.</summary>
internal sealed record OrleansConnection(string Invariant, string ConnectionString)
{
    /// <summary>Orleans 10.1+ maps this invariant to Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    public const string PostgresInvariant = "Npgsql";

    // Microsoft.Data.Sqlite retries a busy or locked database until the command timeout runs out (commands take the
    // connection's Default Timeout); 30 s lets Orleans wait out the project's own writer on the same file.
    private const int SqliteBusyTimeoutSeconds = 30;

    public static OrleansConnection For(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Provider switch
        {
            StorageProvider.Sqlite => new OrleansConnection(SqliteInvariant, new SqliteConnectionStringBuilder
            {
                DataSource = Path.GetFullPath(Path.Combine(options.DataDirectory!, StorageOptions.SqliteFileName)),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                DefaultTimeout = SqliteBusyTimeoutSeconds,
            }.ToString()),
            StorageProvider.PostgreSql => new OrleansConnection(PostgresInvariant, DurablePostgres(options.ConnectionString!)),
            _ => throw new ArgumentException($"Unknown storage provider {options.Provider}.", nameof(options)),
        };
    }

    // An acknowledged write must be on disk, whatever the server or database default for synchronous_commit says
    // (the same rule the project's own writer applies). SQLite needs nothing: its WAL default here is synchronous=FULL.
    // Bounded and auto-prepared as the score store's connections are.
    private static string DurablePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        PostgresPools.Bound(builder, connectionString, PostgresPools.Orleans);
        PostgresAutoPrepare.Apply(builder, connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? "-c synchronous_commit=on"
            : builder.Options + " -c synchronous_commit=on";
        return builder.ConnectionString;
    }
}
