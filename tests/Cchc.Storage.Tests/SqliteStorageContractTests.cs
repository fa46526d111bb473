using Cchc.Storage;

namespace Cchc.Storage.Tests;

public sealed class SqliteStorageContractTests(SqliteTarget target)
    : StorageContractTests(target), IClassFixture<SqliteTarget>
{
    [Fact]
    public async Task The_database_file_is_in_the_data_directory_and_uses_wal()
    {
        Assert.True(File.Exists(Path.Combine(Target.SharedOptions.DataDirectory!, StorageOptions.SqliteFileName)));
        await using var connection = await Target.OpenRawAsync(Target.SharedOptions);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_missing_data_directory_is_created()
    {
        var options = await Target.CreateFreshAsync();
        Assert.False(Directory.Exists(options.DataDirectory));

        await using var storage = await ScoreStorageFactory.OpenAsync(options);

        Assert.True(File.Exists(Path.Combine(options.DataDirectory!, StorageOptions.SqliteFileName)));
    }
}
