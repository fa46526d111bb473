using System.Data.Common;
using Cchc.Storage;

namespace Cchc.Storage.Tests;

/// <summary>A real database the contract tests run against: its shared store, fresh ones, and raw SQL access.</summary>
public interface IStorageTarget
{
    /// <summary>The database shared by one test class; tests use unique grain ids and unit codes in it.</summary>
    StorageOptions SharedOptions { get; }

    /// <summary>An empty database nobody else uses, not yet migrated.</summary>
    Task<StorageOptions> CreateFreshAsync();

    /// <summary>A plain connection to the database behind <paramref name="options"/>, bypassing the storage.</summary>
    Task<DbConnection> OpenRawAsync(StorageOptions options);

    /// <summary>
    /// Holds a lock that makes the storage's writer block on its next append to an existing stream, so further
    /// appends pile up in its queue; disposing releases it.
    /// </summary>
    Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string streamId);

    /// <summary>The same lock as named by the grain-state design (the Orleans ADO.NET storage tests hold SQLite's file lock with it).</summary>
    Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string stateName, string grainId) => HoldWriterAsync(options, grainId);
}
