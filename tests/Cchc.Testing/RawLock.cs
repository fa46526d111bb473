using System.Data.Common;

namespace Cchc.Testing;

/// <summary>An open transaction on a raw connection that holds a lock until disposed (rolled back).</summary>
public sealed class RawLock(DbConnection connection) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await using (var rollback = connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        await connection.DisposeAsync();
    }
}
