using Cchc.Storage;
using Cchc.Testing;
using Npgsql;

namespace Cchc.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageContractTests(PostgresTarget target) : StorageContractTests(target)
{
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
}
