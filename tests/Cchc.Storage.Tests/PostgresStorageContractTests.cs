using Cchc.Storage;
using Cchc.Storage.Internal;
using Cchc.Testing;
using Npgsql;

namespace Cchc.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageContractTests(PostgresTarget target) : StorageContractTests(target)
{
    [Fact]
    public void The_contracts_wide_appends_are_wide_enough_for_the_writer_to_copy_their_rows() =>
        Assert.True(WideAppend.Rows >= PostgresDialect.CopyThreshold, $"{WideAppend.Rows} rows would go in the append's batch");

    [Fact]
    public async Task Ping_answers_false_when_the_server_is_unreachable()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(Target.SharedOptions.ConnectionString)
        {
            Port = LoopbackPort.Free(),
            Timeout = 2,
        };
        await using var storage = ScoreStorageFactory.Create(StorageOptions.ForPostgreSql(unreachable.ConnectionString));

        Assert.False(await storage.PingAsync());
    }

    [Fact]
    public async Task An_append_after_the_database_dropped_the_writers_connection_is_applied_on_a_fresh_one()
    {
        // The database restarted, or an operator ended the sessions: the writer's kept connection is dead, and it only
        // learns so when it sends the next append. That append, and the one after it, must still be stored.
        var stream = NewId("dropped");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));
        await using (var connection = await Target.OpenRawAsync(Target.SharedOptions))
        await using (var terminate = connection.CreateCommand())
        {
            terminate.CommandText =
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
            Assert.True(Convert.ToInt64(await terminate.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        }

        await Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "1.2")], new IdempotentResponse("k-dropped", "r")));
        await Storage.AppendAsync(new StreamAppend(stream, 2, [Entry(unit, "1.3")]));

        var read = await Storage.ReadStreamAsync(stream);
        Assert.Equal(3, read.Version);
        Assert.Equal(["1.1", "1.2", "1.3"], read.Events.Select(e => e.ItemCode));
        Assert.Equal("r", await Storage.FindIdempotentResponseAsync(stream, "k-dropped"));
    }
}
