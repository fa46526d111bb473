namespace Cchc.Server.Tests;

/// <summary><see cref="RestartTests"/> on a throwaway PostgreSQL cluster.</summary>
public sealed class PostgresRestartTests : RestartTests
{
    private protected override Task<TestStorage> CreateStorageAsync() => TestStorage.PostgresAsync();
}
