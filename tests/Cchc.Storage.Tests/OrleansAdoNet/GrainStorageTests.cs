using System.Globalization;
using System.Text;
using Cchc.Storage.Internal;
using Orleans.Storage;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>
/// Orleans ADO.NET grain storage on the project's schema, through real silos, run unchanged on every provider (see
/// the sealed subclasses). Every test gets a fresh database; the silo migrates it at start.
/// </summary>
public abstract class GrainStorageTests(IStorageTarget target)
{
    // Composed (NFC) Vietnamese, as officials type it; the JSON below is what must be in the database, byte for byte.
    protected static readonly PlaceState DongLien =
        new("Xã Đồng Liên", "Thái Nguyên", 71.25m, ["Biên bản thẩm định số 12.pdf"]);

    protected const string DongLienJson =
        """{"name":"Xã Đồng Liên","province":"Thái Nguyên","score":71.25,"evidence":["Biên bản thẩm định số 12.pdf"]}""";

    protected static readonly PlaceState QuangKhai =
        new("Xã Quang Khải", "Hải Dương", 64.50m, ["Tự đánh giá.xlsx", "Ảnh hiện trường.jpg"]);

    protected const string QuangKhaiJson =
        """{"name":"Xã Quang Khải","province":"Hải Dương","score":64.50,"evidence":["Tự đánh giá.xlsx","Ảnh hiện trường.jpg"]}""";

    // What Microsoft.Orleans.Persistence.AdoNet reads from OrleansQuery (DeleteStorageKey only with DeleteStateOnClear).
    private static readonly HashSet<string> PersistenceQueryKeys = ["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"];

    protected IStorageTarget Target { get; } = target;

    /// <summary>The folder under Migrations/ with this provider's scripts.</summary>
    protected abstract string MigrationFolder { get; }

    /// <summary>SQL reading the payload column as text.</summary>
    protected abstract string PayloadAsText { get; }

    /// <summary>SQL turning the text parameter @payload into a payload value.</summary>
    protected abstract string PayloadFromText { get; }

    [Fact]
    public async Task A_write_survives_a_silo_restart_with_vietnamese_text_exact()
    {
        Assert.True(DongLien.Name.IsNormalized(NormalizationForm.FormC));
        var options = await Target.CreateFreshAsync();

        await using (var first = await TestSilo.StartAsync(options))
        {
            Assert.Equal("1", await first.Client.GetGrain<IPlaceGrain>("05914").SetAsync(DongLien));
        }

        await using var second = await TestSilo.StartAsync(options);
        var view = await second.Client.GetGrain<IPlaceGrain>("05914").GetAsync();
        AssertState(DongLien, view.State);
        Assert.Equal("Xã Đồng Liên", view.State.Name);
        Assert.Equal("1", view.ETag);
        Assert.True(view.RecordExists);
    }

    [Fact]
    public async Task The_row_holds_plain_json_of_the_state_readable_in_the_database()
    {
        var options = await Target.CreateFreshAsync();
        await using var silo = await TestSilo.StartAsync(options);

        await silo.Client.GetGrain<IPlaceGrain>("05914").SetAsync(DongLien);
        await silo.Client.GetGrain<IPlaceGrain>("11116").SetAsync(QuangKhai);

        Assert.Equal(
            [
                new StoredRow(TestSilo.ServiceId, TestSilo.StateName, "cchc-test-place/05914", 0, 0, 1, DongLienJson),
                new StoredRow(TestSilo.ServiceId, TestSilo.StateName, "cchc-test-place/11116", 0, 0, 1, QuangKhaiJson),
            ],
            await ReadRowsAsync(options));
        Assert.Superset(PersistenceQueryKeys, (await ReadQueryKeysAsync(options)).ToHashSet());
    }

    [Fact]
    public async Task A_second_activation_with_a_stale_etag_is_rejected_and_overwrites_nothing()
    {
        var options = await Target.CreateFreshAsync();
        await using var a = await TestSilo.StartAsync(options);
        await using var b = await TestSilo.StartAsync(options);
        var onA = a.Client.GetGrain<IPlaceGrain>("05914");
        var onB = b.Client.GetGrain<IPlaceGrain>("05914");

        // Two separate clusters on one database: the same grain is active twice, as after a split brain.
        Assert.Null((await onA.GetAsync()).ETag);
        Assert.Equal("1", await onB.SetAsync(DongLien));

        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.SetAsync(QuangKhai));

        Assert.Equal([Row("cchc-test-place/05914", 1, DongLienJson)], await ReadRowsAsync(options));

        // Orleans dropped the stale activation: the next call reads what is stored and can write on top of it.
        var reloaded = await onA.GetAsync();
        AssertState(DongLien, reloaded.State);
        Assert.Equal("1", reloaded.ETag);
        Assert.Equal("2", await onA.SetAsync(QuangKhai));
        Assert.Equal([Row("cchc-test-place/05914", 2, QuangKhaiJson)], await ReadRowsAsync(options));
    }

    [Fact]
    public async Task A_change_made_behind_the_grains_back_makes_its_etag_stale_and_is_kept()
    {
        var options = await Target.CreateFreshAsync();
        await using var silo = await TestSilo.StartAsync(options);
        var grain = silo.Client.GetGrain<IPlaceGrain>("05914");
        Assert.Equal("1", await grain.SetAsync(DongLien));

        await ExecuteRawAsync(options,
            $"UPDATE orleans_grain_state SET version = version + 1, payload = {PayloadFromText} " +
            "WHERE grain_key = 'cchc-test-place/05914'",
            QuangKhaiJson);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => grain.SetAsync(DongLien with { Score = 99m }));
        Assert.Contains("ETag=1", conflict.Message, StringComparison.Ordinal);
        Assert.Equal([Row("cchc-test-place/05914", 2, QuangKhaiJson)], await ReadRowsAsync(options));

        var reloaded = await grain.GetAsync();
        AssertState(QuangKhai, reloaded.State);
        Assert.Equal("2", reloaded.ETag);
        Assert.Equal("3", await grain.SetAsync(DongLien));
    }

    [Fact]
    public async Task Clearing_drops_the_state_keeps_the_row_and_keeps_counting_versions()
    {
        var options = await Target.CreateFreshAsync();
        await using (var first = await TestSilo.StartAsync(options))
        {
            var grain = first.Client.GetGrain<IPlaceGrain>("05914");
            Assert.Equal("1", await grain.SetAsync(DongLien));

            var cleared = await grain.ClearAsync();

            AssertState(new PlaceState(), cleared.State);
            Assert.Equal("2", cleared.ETag);
            Assert.False(cleared.RecordExists);
            Assert.Equal([Row("cchc-test-place/05914", 2, null)], await ReadRowsAsync(options));

            // Clearing a grain that was never written stores nothing.
            var never = await first.Client.GetGrain<IPlaceGrain>("19408").ClearAsync();
            Assert.Null(never.ETag);
            Assert.Single(await ReadRowsAsync(options));
        }

        await using var second = await TestSilo.StartAsync(options);
        var again = second.Client.GetGrain<IPlaceGrain>("05914");
        var view = await again.GetAsync();
        AssertState(new PlaceState(), view.State);
        Assert.Equal("2", view.ETag);
        Assert.False(view.RecordExists);
        Assert.Equal("3", await again.SetAsync(QuangKhai));
        Assert.Equal([Row("cchc-test-place/05914", 3, QuangKhaiJson)], await ReadRowsAsync(options));
    }

    [Fact]
    public async Task Grain_types_and_keys_that_upstream_would_merge_get_rows_of_their_own()
    {
        var options = await Target.CreateFreshAsync();
        await using var silo = await TestSilo.StartAsync(options);
        var third = DongLien with { Name = "Xã Sơn Lâm", Province = "Hà Tĩnh", Score = 58m };

        // Same key and state name, other grain type; and "5914", which upstream reads as the same hex number.
        await silo.Client.GetGrain<IPlaceGrain>("05914").SetAsync(DongLien);
        await silo.Client.GetGrain<IOtherPlaceGrain>("05914").SetAsync(QuangKhai);
        await silo.Client.GetGrain<IPlaceGrain>("5914").SetAsync(third);

        AssertState(DongLien, (await silo.Client.GetGrain<IPlaceGrain>("05914").GetAsync()).State);
        AssertState(QuangKhai, (await silo.Client.GetGrain<IOtherPlaceGrain>("05914").GetAsync()).State);
        AssertState(third, (await silo.Client.GetGrain<IPlaceGrain>("5914").GetAsync()).State);
        Assert.Equal(
            ["cchc-test-other-place/05914", "cchc-test-place/05914", "cchc-test-place/5914"],
            (await ReadRowsAsync(options)).Select(r => r.GrainKey));
    }

    [Fact]
    public async Task The_schema_migration_can_run_twice_and_the_script_itself_can_be_rerun()
    {
        var options = await Target.CreateFreshAsync();
        await using (var storage = await ScoreStorageFactory.OpenAsync(options))
        {
            var before = await ReadSchemaVersionsAsync(options);
            await storage.MigrateAsync();
            Assert.Equal(before, await ReadSchemaVersionsAsync(options));
            Assert.Contains("0002_orleans_persistence", before);
        }

        var keys = await ReadQueryKeysAsync(options);
        Assert.Superset(PersistenceQueryKeys, keys.ToHashSet());
        foreach (var script in MigrationScript.Load(MigrationFolder).Where(s => s.Name.Contains("_orleans_", StringComparison.Ordinal)))
        {
            await ExecuteRawAsync(options, script.Sql);
        }

        Assert.Equal(keys, await ReadQueryKeysAsync(options));

        // The silo migrates a third time at start and its storage works on the twice-created schema.
        await using var silo = await TestSilo.StartAsync(options);
        Assert.Equal("1", await silo.Client.GetGrain<IPlaceGrain>("05914").SetAsync(DongLien));
        Assert.Equal([Row("cchc-test-place/05914", 1, DongLienJson)], await ReadRowsAsync(options));
    }

    protected static StoredRow Row(string grainKey, int version, string? payload) =>
        new(TestSilo.ServiceId, TestSilo.StateName, grainKey, 0, 0, version, payload);

    protected static void AssertState(PlaceState expected, PlaceState actual)
    {
        // ImmutableArray equals by reference: compare the items, then the rest of the record.
        Assert.Equal(expected.Evidence.ToArray(), actual.Evidence.ToArray());
        Assert.Equal(expected with { Evidence = actual.Evidence }, actual);
    }

    protected async Task ExecuteRawAsync(StorageOptions options, string sql, string? payload = null)
    {
        await using var connection = await Target.OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (payload is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@payload";
            parameter.Value = payload;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    protected async Task<List<StoredRow>> ReadRowsAsync(StorageOptions options)
    {
        await using var connection = await Target.OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT service_id, state_name, grain_key, grain_key_n0, grain_key_n1, version, {PayloadAsText} " +
            "FROM orleans_grain_state ORDER BY grain_key, state_name";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                await reader.IsDBNullAsync(6) ? null : reader.GetString(6)));
        }

        return rows;
    }

    private async Task<List<string>> ReadQueryKeysAsync(StorageOptions options) =>
        await ReadStringsAsync(options, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");

    private async Task<List<string>> ReadSchemaVersionsAsync(StorageOptions options) =>
        await ReadStringsAsync(options, "SELECT name FROM schema_version ORDER BY version");

    private async Task<List<string>> ReadStringsAsync(StorageOptions options, string sql)
    {
        await using var connection = await Target.OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>One row of orleans_grain_state, the payload read as text.</summary>
    protected sealed record StoredRow(string ServiceId, string StateName, string GrainKey, long N0, long N1,
        int Version, string? Payload);
}
