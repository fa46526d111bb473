using Cchc.Storage;

namespace Cchc.Storage.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Sqlite_without_a_data_directory_is_rejected_with_what_to_configure()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ScoreStorageFactory.Create(new StorageOptions { Provider = StorageProvider.Sqlite }));

        Assert.Contains("needs a data directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_rejected_with_what_to_configure()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ScoreStorageFactory.Create(new StorageOptions { Provider = StorageProvider.PostgreSql }));

        Assert.Contains("needs a connection string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", StorageProvider.Sqlite)]
    [InlineData("SQLite", StorageProvider.Sqlite)]
    [InlineData("postgresql", StorageProvider.PostgreSql)]
    [InlineData(" postgres ", StorageProvider.PostgreSql)]
    public void Provider_names_from_configuration_are_understood(string name, StorageProvider expected) =>
        Assert.Equal(expected, StorageOptions.ParseProvider(name));

    [Fact]
    public void An_unknown_provider_name_says_which_ones_exist()
    {
        var error = Assert.Throws<ArgumentException>(() => StorageOptions.ParseProvider("mysql"));

        Assert.Contains("Use 'sqlite'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_size_below_one_is_rejected()
    {
        var options = StorageOptions.ForSqlite(Path.GetTempPath()) with { MaxBatchSize = 0 };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3651)]
    public void An_idempotency_retention_outside_one_day_to_ten_years_is_rejected_with_the_range(double days)
    {
        var options = StorageOptions.ForSqlite(Path.GetTempPath()) with { IdempotencyRetention = TimeSpan.FromDays(days) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("IdempotencyRetention must be from 1 to 3650 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_idempotency_retention_is_thirty_days_unless_configured() =>
        Assert.Equal(TimeSpan.FromDays(30), StorageOptions.ForSqlite(Path.GetTempPath()).IdempotencyRetention);

    [Fact]
    public void A_write_queue_bound_below_one_is_rejected()
    {
        var options = StorageOptions.ForSqlite(Path.GetTempPath()) with { MaxQueuedAppends = 0 };

        Assert.Contains("MaxQueuedAppends must be at least 1", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
