using System.Data.Common;
using Cchc.Storage;

namespace Cchc.Grains.Tests;

/// <summary>A real database for the grains: fresh ones, raw SQL access, and a way to make it fail for a while.</summary>
public interface IStorageTarget
{
    /// <summary>An empty database nobody else uses.</summary>
    Task<StorageOptions> CreateAsync();

    /// <summary>A plain connection to the database, bypassing the grains.</summary>
    Task<DbConnection> OpenRawAsync(StorageOptions options);

    /// <summary>Makes the score store fail until the result is disposed (the database is back then).</summary>
    Task<IAsyncDisposable> BreakAsync(StorageOptions options);

    /// <summary>Blocks the score store's writer (its next transaction waits) until the result is disposed.</summary>
    Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string streamId);
}
