using Cchc.Storage.OrleansAdoNet;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Cchc.Storage.Tests.OrleansAdoNet;

public sealed class SqliteGrainStorageTests(SqliteTarget target)
    : GrainStorageTests(target), IClassFixture<SqliteTarget>
{
    protected override string MigrationFolder => "Sqlite";

    protected override string PayloadAsText => "payload";

    protected override string PayloadFromText => "@payload";

    [Fact]
    public async Task Orleans_opens_the_projects_file_durably_and_waits_out_its_writer_instead_of_failing()
    {
        var options = await Target.CreateFreshAsync();
        await using var silo = await TestSilo.StartAsync(options);
        var connectionString = silo.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>()
            .Get(TestSilo.StorageName).ConnectionString;

        var settings = new SqliteConnectionStringBuilder(connectionString);
        Assert.Equal(Path.Combine(options.DataDirectory!, StorageOptions.SqliteFileName), settings.DataSource);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            Assert.Equal(2L, await command.ExecuteScalarAsync()); // FULL: every commit is on disk when it returns
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", await command.ExecuteScalarAsync());
        }

        var grain = silo.Client.GetGrain<IPlaceGrain>("05914");
        Task<string?> write;
        await using (await Target.HoldWriterAsync(options, "any", "any"))
        {
            // The project's own writer holds the write lock: Orleans' write must queue behind it, not fail busy.
            write = grain.SetAsync(DongLien);
            var first = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(1)));
            Assert.NotSame(write, first);
        }

        Assert.Equal("1", await write);
        Assert.Equal([Row("cchc-test-place/05914", 1, DongLienJson)], await ReadRowsAsync(options));
    }

    [Fact]
    public void The_connection_string_names_the_sqlite_invariant_and_a_busy_timeout()
    {
        var connection = OrleansConnection.For(StorageOptions.ForSqlite(Target.SharedOptions.DataDirectory!));

        Assert.Equal("System.Data.SQLite", connection.Invariant);
        Assert.Equal(30, new SqliteConnectionStringBuilder(connection.ConnectionString).DefaultTimeout);
    }
}
