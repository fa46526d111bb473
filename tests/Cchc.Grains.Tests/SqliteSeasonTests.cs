using Cchc.Storage;

namespace Cchc.Grains.Tests;

public sealed class SqliteSeasonTests : SeasonTests
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cchc-grains-").FullName;

    protected override Task<StorageOptions> CreateStorageAsync() => Task.FromResult(StorageOptions.ForSqlite(_dataDir));

    protected override Task DeleteStorageAsync()
    {
        Directory.Delete(_dataDir, recursive: true);
        return Task.CompletedTask;
    }
}
