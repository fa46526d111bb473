namespace Cchc.Server.Tests;

/// <summary><see cref="KillTests"/> on a throwaway PostgreSQL cluster (the server is killed; the database keeps running).</summary>
public sealed class PostgresKillTests : KillTests
{
    private protected override Task<TestStorage> CreateStorageAsync() => TestStorage.PostgresAsync();
}
