using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Cchc.Cli.Tests;

/// <summary>The audit trail end to end on the server's SQLite file.</summary>
public sealed class SqliteAuditVerifyTests : AuditVerifyTests
{
    protected override string DisableAppendOnlySql => "DROP TRIGGER score_audit_no_update; DROP TRIGGER score_audit_no_delete";

    private protected override Task<CchcServerProcess> StartServerAsync() => CchcServerProcess.StartAsync();

    private protected override async Task<DbConnection> OpenDatabaseAsync(CchcServerProcess server)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "cchc.db")};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    protected override string EditScoreRowSql(string streamId, string item) =>
        $"UPDATE score_snapshot SET payload = json_set(payload, '$.items.\"{item}\".self.comment', 'đã sửa') WHERE grain_id = '{streamId}'";
}
