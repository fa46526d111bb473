using System.Data.Common;
using Npgsql;

namespace Cchc.Storage;

/// <summary>Connection pools shared by everything in the process that reaches the database by connection string.</summary>
public static class DatabasePools
{
    /// <summary>
    /// After a driver failure, drops idle pooled connections of the process-wide PostgreSQL pools (Orleans' ADO.NET
    /// providers use them): when the server restarted, every idle one is broken and would fail one more request each.
    /// SQLite connections are files and need nothing.
    /// </summary>
    public static void ClearAfterFailure(DbException failure)
    {
        if (failure is NpgsqlException)
        {
            NpgsqlConnection.ClearAllPools();
        }
    }
}
