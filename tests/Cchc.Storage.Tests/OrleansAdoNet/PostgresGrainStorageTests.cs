using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Cchc.Storage.Tests.OrleansAdoNet;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresTarget target) : GrainStorageTests(target)
{
    protected override string MigrationFolder => "Postgres";

    protected override string PayloadAsText => "payload::text";

    protected override string PayloadFromText => "CAST(@payload AS json)";

    [Fact]
    public async Task Orleans_commits_synchronously_even_where_the_database_default_is_asynchronous()
    {
        var options = await Target.CreateFreshAsync();
        var database = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database;
        await ExecuteRawAsync(options, $"ALTER DATABASE {database} SET synchronous_commit = off");
        await using var silo = await TestSilo.StartAsync(options);
        var connectionString = silo.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>()
            .Get(TestSilo.StorageName).ConnectionString;

        Assert.Equal("off", await ShowSynchronousCommitAsync(options.ConnectionString!));
        Assert.Equal("on", await ShowSynchronousCommitAsync(connectionString!));
        Assert.Equal("1", await silo.Client.GetGrain<IPlaceGrain>("05914").SetAsync(DongLien));
    }

    private static async Task<string?> ShowSynchronousCommitAsync(string connectionString)
    {
        // Unpooled: a pooled session opened before the ALTER DATABASE would still show the old default.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(unpooled.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SHOW synchronous_commit";
        return (string?)await command.ExecuteScalarAsync();
    }
}
