using System.Globalization;
using System.Runtime.Versioning;
using Cchc.Grains.Maintenance;
using Cchc.Server.Hosting;
using Cchc.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Tests;

/// <summary>
/// The idempotency retention as an operator sets it, the pruner's reminder stored durably by a server on SQLite, and
/// the data directory the server creates: owner-only.
/// </summary>
public sealed class RetentionAndSecretsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void The_retention_is_thirty_days_unless_set_and_is_read_from_a_flag_or_variable()
    {
        Assert.Equal(TimeSpan.FromDays(30), ServerConfiguration.Read([], NoEnvironment, AppContext.BaseDirectory).IdempotencyRetention);
        Assert.Equal(TimeSpan.FromDays(90), ServerConfiguration.Read(["--idempotency-retention-days", "90"], NoEnvironment, AppContext.BaseDirectory).IdempotencyRetention);
        var environment = new Dictionary<string, string?> { ["CCHC_IDEMPOTENCY_RETENTION_DAYS"] = "7" };
        Assert.Equal(TimeSpan.FromDays(7), ServerConfiguration.Read([], environment, AppContext.BaseDirectory).IdempotencyRetention);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    [InlineData("a month")]
    public void A_retention_outside_one_day_to_ten_years_is_refused_with_the_range(string days)
    {
        var error = Assert.Throws<ServerConfigurationException>(() =>
            ServerConfiguration.Read(["--idempotency-retention-days", days], NoEnvironment, AppContext.BaseDirectory));

        Assert.Equal($"--idempotency-retention-days: '{days}' is not a whole number from 1 to 3650.", error.Message);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task A_server_on_sqlite_stores_the_pruning_reminder_and_makes_its_data_directory_private()
    {
        await using var server = await RunningServer.StartAsync();

        await server.Host.Services.GetRequiredService<IdempotencyPruningStart>().Registered.WaitAsync(TimeSpan.FromSeconds(60));

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, StorageOptions.SqliteFileName)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT service_id, grain_id, reminder_name, period FROM orleans_reminders";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("cchc", "idempotencypruning/cluster", "prune-idempotency", 3_600_000L),
            (reader.GetString(0), reader.GetString(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
        Assert.False(await reader.ReadAsync());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(server.DataDirectory));
    }
}
