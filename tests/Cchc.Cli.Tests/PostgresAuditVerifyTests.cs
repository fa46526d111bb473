using System.Data.Common;
using Cchc.Testing;
using Npgsql;

namespace Cchc.Cli.Tests;

/// <summary>The audit trail end to end on a throwaway PostgreSQL cluster.</summary>
public sealed class PostgresAuditVerifyTests : AuditVerifyTests, IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private string? _database;

    protected override string DisableAppendOnlySql => "ALTER TABLE score_audit DISABLE TRIGGER score_audit_no_change";

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        _database = await _cluster.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private protected override Task<CchcServerProcess> StartServerAsync() => CchcServerProcess.StartAsync(_database);

    private protected override async Task<DbConnection> OpenDatabaseAsync(CchcServerProcess server)
    {
        var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        return connection;
    }

    protected override string EditScoreRowSql(string streamId, string item) =>
        $"UPDATE score_snapshot SET payload = jsonb_set(payload::jsonb, '{{items,{item},self,comment}}', '\"đã sửa\"')::text WHERE grain_id = '{streamId}'";
}
