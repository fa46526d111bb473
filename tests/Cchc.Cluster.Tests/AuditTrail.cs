using Npgsql;

namespace Cchc.Cluster.Tests;

/// <summary>
/// What the cluster's database holds for one item, read with plain SQL beside the servers: it tells an acknowledged
/// write the database lost from one stored but served stale by an activation that never saw it.
/// </summary>
internal static class AuditTrail
{
    public static async Task<string> DescribeAsync(string connectionString, string commune, string item)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), (array_agg(new_value ORDER BY id DESC))[1], max(at) FROM score_audit " +
            "WHERE unit_code = @commune AND item_code = @item AND stage = 'AppraisalRound1'", connection);
        command.Parameters.AddWithValue("commune", commune);
        command.Parameters.AddWithValue("item", item);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var count = reader.GetInt64(0);
        return count == 0
            ? "the database's audit holds no appraisal of it"
            : $"the database's audit holds {count} appraisals of it, the last {reader.GetString(1)} at {reader.GetDateTime(2):HH:mm:ss.fff} UTC";
    }
}
