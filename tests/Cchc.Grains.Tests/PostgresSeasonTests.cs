using Cchc.Storage;

namespace Cchc.Grains.Tests;

public sealed class PostgresSeasonTests(PostgresFixture postgres) : SeasonTests, IClassFixture<PostgresFixture>
{
    protected override async Task<StorageOptions> CreateStorageAsync() =>
        StorageOptions.ForPostgreSql(await postgres.Cluster.CreateDatabaseAsync());

    // The cluster, and every database in it, is removed with the fixture.
    protected override Task DeleteStorageAsync() => Task.CompletedTask;
}
