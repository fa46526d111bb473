using Cchc.Storage.Internal;
using Npgsql;

namespace Cchc.Storage.Tests;

/// <summary>
/// The score store's connections keep its statements prepared on the server once they have run a few times, unless
/// the connection string says otherwise. Seen in PostgreSQL's own view of a session's prepared statements.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAutoPrepareTests(PostgresTarget target)
{
    [Theory]
    [InlineData("", 1)]
    [InlineData(";Max Auto Prepare=0", 0)]
    public async Task A_statement_run_again_and_again_on_a_connection_is_prepared_there_unless_the_string_turns_it_off(string setting, int expected)
    {
        await using var dialect = new PostgresDialect(target.SharedOptions.ConnectionString + setting);
        await using var connection = await dialect.OpenAsync(CancellationToken.None);

        // Npgsql prepares a statement after its fifth run on a connection (AutoPrepareMinUsages).
        for (var run = 0; run < 6; run++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM pg_class WHERE relname = @name";
            command.AddParameter("@name", "score_stream");
            await command.ExecuteScalarAsync();
        }

        await using var prepared = connection.CreateCommand();
        prepared.CommandText = "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM pg_class WHERE relname%'";
        Assert.Equal(expected, Convert.ToInt32(await prepared.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected == 0 ? 0 : PostgresAutoPrepare.Statements, new NpgsqlConnectionStringBuilder(connection.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;Database=cchc", PostgresAutoPrepare.Statements)]
    [InlineData("Host=db;Database=cchc;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=cchc;maxautoprepare=5", 5)]
    public void Orleans_connections_are_auto_prepared_as_the_score_store_is_unless_the_string_says(string connectionString, int expected)
    {
        var orleans = Cchc.Storage.OrleansAdoNet.OrleansConnection.For(StorageOptions.ForPostgreSql(connectionString));

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(orleans.ConnectionString).MaxAutoPrepare);
    }
}
