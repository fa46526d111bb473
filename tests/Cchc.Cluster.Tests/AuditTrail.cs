using System.Globalization;
using Npgsql;

namespace Cchc.Cluster.Tests;

/// <summary>
/// What the cluster's database holds, read with plain SQL beside the servers rather than through them: it tells an
/// acknowledged write the database lost from one stored but served stale by an activation that never saw it.
/// </summary>
internal static class AuditTrail
{
    /// <summary>The last appraisal (round 1) points committed for each commune and item, by commune and item code.</summary>
    public static async Task<Dictionary<(string Commune, string Item), decimal>> LastAppraisalsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT ON (unit_code, item_code) unit_code, item_code, new_value FROM score_audit " +
            "WHERE stage = 'AppraisalRound1' ORDER BY unit_code, item_code, id DESC", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var last = new Dictionary<(string, string), decimal>();
        while (await reader.ReadAsync())
        {
            // The audit shows points as the invariant decimal the officer gave.
            last[(reader.GetString(0), reader.GetString(1))] = decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture);
        }

        return last;
    }
}
