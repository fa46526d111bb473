namespace Cchc.Server.Tests;

/// <summary><see cref="KillTests"/> on the embedded SQLite database.</summary>
public sealed class SqliteKillTests : KillTests
{
    private protected override Task<TestStorage> CreateStorageAsync() => Task.FromResult(TestStorage.Sqlite());
}
