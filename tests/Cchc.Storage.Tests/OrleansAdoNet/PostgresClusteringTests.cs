using System.Globalization;
using Npgsql;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>
/// Two silos in one cluster through the ADO.NET membership table and reminder table on a throwaway PostgreSQL, with
/// the project's schema. The database's time zone is Vietnam's, so a timestamp written without its UTC offset
/// would show up seven hours off.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusteringTests(PostgresTarget target)
{
    private const int Active = 3;
    private const int Dead = 6;

    // Every key Microsoft.Orleans.Clustering.AdoNet and Reminders.AdoNet 10.4.2 require in OrleansQuery.
    private static readonly HashSet<string> ClusteringAndReminderQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Two_silos_join_one_cluster_and_a_stopped_one_leaves_its_grains_state_to_the_other()
    {
        var options = await CreateDatabaseAsync();
        var clusterId = NewClusterId();
        await using var first = await PostgresClusterHost.StartSiloAsync(options, clusterId);
        await using var second = await PostgresClusterHost.StartSiloAsync(options, clusterId);
        await using var client = await PostgresClusterHost.StartClientAsync(options, clusterId);

        Assert.Superset(ClusteringAndReminderQueryKeys, await ReadQueryKeysAsync(options));
        var members = await ReadMembersAsync(options, clusterId);
        Assert.Equal([Active, Active], members.Select(m => m.Status));
        Assert.All(members, m => Assert.InRange(m.IAmAliveTime, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1)));
        Assert.Equal(2, (await client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);

        // Twelve grains: random placement leaves some on the silo that stops (all on one silo has odds 1 in 2048).
        var keys = Enumerable.Range(1, 12).Select(i => i.ToString("00000", CultureInfo.InvariantCulture)).ToList();
        foreach (var key in keys)
        {
            await client.Client.GetGrain<IPlaceGrain>(key).SetAsync(new PlaceState($"Xã {key}", "Hà Tĩnh", 50m, []));
        }

        await second.StopAsync();

        Assert.Equal([Active, Dead], (await ReadMembersAsync(options, clusterId)).Select(m => m.Status));
        foreach (var key in keys)
        {
            var view = await client.Client.GetGrain<IPlaceGrain>(key).GetAsync();
            Assert.Equal($"Xã {key}", view.State.Name);
            Assert.Equal("1", view.ETag);
        }
    }

    [Fact]
    public async Task A_reminder_is_stored_fires_and_is_removed()
    {
        var options = await CreateDatabaseAsync();
        var clusterId = NewClusterId();
        await using var silo = await PostgresClusterHost.StartSiloAsync(options, clusterId);
        var grain = silo.Client.GetGrain<IReminderProbeGrain>("05914");

        await grain.StartAsync(TimeSpan.FromSeconds(1));

        Assert.Equal([("cchc-test-reminder/05914", ReminderProbeGrain.ReminderName, 1000L, 1)], await ReadRemindersAsync(options));

        // Reminders run on the wall clock inside the silo: wait for a tick, bounded.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await grain.TicksAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The reminder did not fire within 60 s.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await grain.StopAsync();
        Assert.Empty(await ReadRemindersAsync(options));
    }

    private static string NewClusterId() => $"cchc-{Guid.NewGuid():N}";

    private async Task<StorageOptions> CreateDatabaseAsync()
    {
        var options = await target.CreateFreshAsync();
        var database = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database;
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER DATABASE {database} SET timezone = 'Asia/Ho_Chi_Minh'";
        await command.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearPool(connection);
        return options;
    }

    private static async Task<List<(int Status, DateTime IAmAliveTime)>> ReadMembersAsync(StorageOptions options,
        string clusterId)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT status, i_am_alive_time FROM orleans_membership WHERE deployment_id = @cluster ORDER BY status, port";
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var members = new List<(int, DateTime)>();
        while (await reader.ReadAsync())
        {
            members.Add((reader.GetInt32(0), reader.GetDateTime(1)));
        }

        return members;
    }

    private static async Task<HashSet<string>> ReadQueryKeysAsync(StorageOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<List<(string GrainId, string Name, long Period, int Version)>> ReadRemindersAsync(
        StorageOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, reminder_name, period, version FROM orleans_reminders ORDER BY grain_id";
        await using var reader = await command.ExecuteReaderAsync();
        var reminders = new List<(string, string, long, int)>();
        while (await reader.ReadAsync())
        {
            reminders.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)));
        }

        return reminders;
    }
}
