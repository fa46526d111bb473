namespace Cchc.Server.Tests;

/// <summary><see cref="RestartTests"/> on the embedded SQLite database.</summary>
public sealed class SqliteRestartTests : RestartTests
{
    private protected override Task<TestStorage> CreateStorageAsync() => Task.FromResult(TestStorage.Sqlite());
}
