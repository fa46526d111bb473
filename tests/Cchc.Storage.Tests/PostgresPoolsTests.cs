using Cchc.Storage.Internal;
using Npgsql;

namespace Cchc.Storage.Tests;

/// <summary>One server's PostgreSQL connections are bounded unless the operator bounds them otherwise.</summary>
public sealed class PostgresPoolsTests
{
    [Theory]
    [InlineData("Host=db;Database=cchc", 40)]
    [InlineData("Host=db;Database=cchc;Maximum Pool Size=7", 7)]
    [InlineData("Host=db;Database=cchc;maxpoolsize=9", 9)]
    public void The_pool_is_bounded_unless_the_connection_string_says(string connectionString, int expected)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        PostgresPools.Bound(builder, connectionString, PostgresPools.ScoreStore);
        Assert.Equal(expected, builder.MaxPoolSize);
    }
}
