using Npgsql;

namespace Cchc.Storage.Internal;

/// <summary>
/// The statements a server runs on PostgreSQL are a fixed set, each run on every append, read or grain-state write:
/// Npgsql prepares a statement on the server once it has run five times on a connection (its AutoPrepareMinUsages),
/// and PostgreSQL, and Npgsql's own parsing of the SQL, then skip it on every later run. Unprepared, a bulk append's 91
/// audit-row inserts were each parsed and planned again (deploy/bench/README.md). A connection string that sets
/// "Max Auto Prepare" keeps its own; 0 turns it off.
/// </summary>
internal static class PostgresAutoPrepare
{
    /// <summary>Statements kept prepared on each connection.</summary>
    public const int Statements = 32;

    /// <param name="builder">The builder over <paramref name="connectionString"/>.</param>
    /// <param name="connectionString">The string as configured.</param>
    public static void Apply(NpgsqlConnectionStringBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!ConnectionStringKeywords.Sets(connectionString, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = Statements;
        }
    }
}
