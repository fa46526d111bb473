namespace Cchc.Storage.Tests;

/// <summary>
/// Rows in the contract's wide appends: past PostgreSQL's <see cref="Internal.PostgresDialect.CopyThreshold"/>, so its
/// writer copies them, where a narrow append's go in its batch (SQLite inserts both the same way).
/// </summary>
internal static class WideAppend
{
    public const int Rows = 12;
}
