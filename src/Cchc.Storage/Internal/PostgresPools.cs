using Npgsql;

namespace Cchc.Storage.Internal;

/// <summary>
/// The most PostgreSQL connections one server opens: <see cref="ScoreStore"/> for the score event store and
/// <see cref="Orleans"/> for Orleans' ADO.NET providers (grain state, membership, reminders), 60 in all. Npgsql's
/// default of 100 per pool would let three silos ask for 600, past PostgreSQL's default max_connections of 100; a
/// call that finds its pool busy waits for a connection (up to the command timeout) instead of being refused by the
/// database. A connection string that sets "Maximum Pool Size" keeps its own.
/// </summary>
internal static class PostgresPools
{
    public const int ScoreStore = 40;

    public const int Orleans = 20;

    /// <param name="builder">The builder over <paramref name="connectionString"/>, to bound.</param>
    /// <param name="connectionString">The string as configured (Npgsql's builder reports every keyword as present).</param>
    /// <param name="maximum">The bound when the string sets none.</param>
    public static void Bound(NpgsqlConnectionStringBuilder builder, string connectionString, int maximum)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!ConnectionStringKeywords.Sets(connectionString, "MaximumPoolSize", "MaxPoolSize"))
        {
            builder.MaxPoolSize = maximum;
        }
    }
}
