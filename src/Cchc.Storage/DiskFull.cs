using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cchc.Storage;

/// <summary>Tells a full disk apart from other database failures, for every writer in the process (the score store and Orleans' grain storage).</summary>
public static class DiskFull
{
    private const int SqliteFull = 13;

    /// <summary>
    /// The caller's message when a write was refused for a full disk: what was lost (nothing) and what helps (freeing
    /// space, an operator's task). The volume's path stays in the server's log.
    /// </summary>
    public const string Advice = "The server's database disk is full: nothing of this write was stored, and nothing can be stored " +
        "until the server's operator frees space. Send it again once space is freed (with the same idempotency key, if it had one).";

    /// <summary>
    /// True when <paramref name="exception"/> or one it wraps is SQLite's SQLITE_FULL (how SQLite reports ENOSPC on
    /// its files, whatever the extended code) or PostgreSQL's disk_full (53100): the write was rolled back.
    /// </summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageFullException or SqliteException { SqliteErrorCode: SqliteFull } or PostgresException { SqlState: PostgresErrorCodes.DiskFull })
            {
                return true;
            }
        }

        return false;
    }
}
