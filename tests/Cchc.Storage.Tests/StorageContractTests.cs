using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Cchc.Runtime.Storage;
using Cchc.Storage;
using Cchc.Testing;

namespace Cchc.Storage.Tests;

/// <summary>
/// The storage contract, run unchanged against every provider (see the sealed subclasses). Tests share one
/// database per class and stay apart by unique grain ids and unit codes; tests about the schema itself
/// get a fresh database.
/// </summary>
public abstract class StorageContractTests(IStorageTarget target) : IAsyncLifetime
{
    private const string State = "score";
    private const string Period = "2024-Y";

    // Microsecond precision and a +07:00 offset: what the audit log promises to keep exactly.
    private static readonly DateTimeOffset At =
        new DateTimeOffset(2024, 12, 5, 9, 30, 15, TimeSpan.FromHours(7)).AddTicks(1_234_560);

    private ScoreStorage? _storage;

    protected IStorageTarget Target { get; } = target;

    protected ScoreStorage Storage => _storage ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _storage = await ScoreStorageFactory.OpenAsync(Target.SharedOptions);

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reading_a_grain_that_was_never_written_returns_null()
    {
        Assert.Null(await Storage.ReadAsync(State, NewId("missing")));
    }

    [Fact]
    public async Task A_new_state_is_written_with_no_etag_and_reads_back()
    {
        var grain = NewId("new");

        var etag = await Storage.WriteAsync(State, grain, """{"total":"71.25"}""", expectedETag: null);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(new StoredState("""{"total":"71.25"}""", etag), await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task A_write_with_the_current_etag_replaces_the_state_and_changes_the_etag()
    {
        var grain = NewId("update");
        var first = await Storage.WriteAsync(State, grain, "1", null);

        var second = await Storage.WriteAsync(State, grain, "2", first);

        Assert.NotEqual(first, second);
        Assert.Equal(new StoredState("2", second), await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_clearly_and_changes_nothing()
    {
        var grain = NewId("stale");
        var first = await Storage.WriteAsync(State, grain, "1", null);
        var second = await Storage.WriteAsync(State, grain, "2", first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(State, grain, "3", first));

        Assert.Equal(first, error.ExpectedETag);
        Assert.Equal(second, error.StoredETag);
        Assert.Equal(grain, error.GrainId);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(new StoredState("2", second), await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task Writing_a_new_state_where_one_exists_is_inconsistent()
    {
        var grain = NewId("exists");
        var etag = await Storage.WriteAsync(State, grain, "1", null);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(State, grain, "other", null));

        Assert.Null(error.ExpectedETag);
        Assert.Equal(etag, error.StoredETag);
        Assert.Equal(new StoredState("1", etag), await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task Writing_with_an_etag_where_nothing_is_stored_is_inconsistent()
    {
        var grain = NewId("ghost");

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteAsync(State, grain, "1", "no-such-etag"));

        Assert.Null(error.StoredETag);
        Assert.Null(await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task Clear_with_the_current_etag_removes_the_state_and_a_new_write_starts_over()
    {
        var grain = NewId("clear");
        var etag = await Storage.WriteAsync(State, grain, "1", null);

        await Storage.ClearAsync(State, grain, etag);

        Assert.Null(await Storage.ReadAsync(State, grain));
        var fresh = await Storage.WriteAsync(State, grain, "again", null);
        Assert.Equal(new StoredState("again", fresh), await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_fails_and_leaves_the_state()
    {
        var grain = NewId("clear-stale");
        var first = await Storage.WriteAsync(State, grain, "1", null);
        var second = await Storage.WriteAsync(State, grain, "2", first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(State, grain, first));

        Assert.Equal(second, error.StoredETag);
        Assert.Equal(new StoredState("2", second), await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task Clear_without_an_etag_is_a_no_op_when_nothing_is_stored_and_inconsistent_otherwise()
    {
        var empty = NewId("clear-empty");
        await Storage.ClearAsync(State, empty, null);
        Assert.Null(await Storage.ReadAsync(State, empty));

        var full = NewId("clear-full");
        var etag = await Storage.WriteAsync(State, full, "1", null);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearAsync(State, full, null));
        Assert.Equal(new StoredState("1", etag), await Storage.ReadAsync(State, full));
    }

    [Fact]
    public async Task Vietnamese_text_round_trips_exactly_in_state_and_audit()
    {
        const string commune = "Xã Đồng Liên";
        const string item = "Tiêu chí 1.5: Tổ chức đối thoại";
        Assert.True(commune.IsNormalized(NormalizationForm.FormC));
        var decomposed = "Phường Hòa Bình".Normalize(NormalizationForm.FormD);
        var grain = NewId("xã-đồng-liên");
        var unit = NewId("đồng-liên");
        var payload = $$"""{"name":"{{commune}}","item":"{{item}}","nfd":"{{decomposed}}"}""";
        var entry = Entry(unit, "1.5") with
        {
            Principal = "Nguyễn Thị Hồng Nhung",
            Evidence = ["Báo cáo số 12/BC-UBND về đối thoại.pdf", decomposed],
            Comment = $"{item} — chưa đủ tài liệu kiểm chứng; giải trình: đã tổ chức 2/5 cuộc.",
        };

        var etag = await Storage.WriteWithAuditAsync(State, grain, payload, null, new AuditBatch([entry]));

        var stored = await Storage.ReadAsync(State, grain);
        Assert.Equal(new StoredState(payload, etag), stored);
        Assert.Equal(Encoding.UTF8.GetBytes(payload), Encoding.UTF8.GetBytes(stored!.Payload));
        Assert.Contains(decomposed, stored.Payload, StringComparison.Ordinal); // NFD stays NFD: storage never normalizes
        var audit = Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
        AssertEntry(entry, audit);
    }

    [Fact]
    public async Task A_one_mebibyte_payload_round_trips()
    {
        var grain = NewId("large");
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 1024 * 1024; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{{\"item\":\"3.12.{i}\",\"note\":\"Đã tiếp nhận hồ sơ\"}},");
        }

        var payload = builder.ToString();
        var etag = await Storage.WriteAsync(State, grain, payload, null);

        var stored = await Storage.ReadAsync(State, grain);
        Assert.Equal(etag, stored!.ETag);
        Assert.Equal(payload.Length, stored.Payload.Length);
        Assert.Equal(payload, stored.Payload);
    }

    [Fact]
    public async Task Audit_entries_are_appended_with_the_state_and_read_by_unit_and_period_in_order()
    {
        var grain = NewId("audit");
        var unit = NewId("unit");
        var first = Entry(unit, "1.1", null, "1.00");
        var second = Entry(unit, "1.2", "0.50", "0.75") with
        {
            At = At.AddMinutes(5).ToOffset(TimeSpan.Zero),
            Stage = "AppraisalRound1",
            Comment = null,
            Evidence = [],
        };
        var otherPeriod = Entry(unit, "1.1") with { Period = "2025-Y" };

        var etag = await Storage.WriteWithAuditAsync(State, grain, "a", null, new AuditBatch([first, second]));
        await Storage.WriteWithAuditAsync(State, grain, "b", etag, new AuditBatch([otherPeriod]));

        var audit = await Storage.ReadAuditAsync(unit, Period).ToListAsync();
        Assert.Equal(2, audit.Count);
        AssertEntry(first, audit[0]);
        AssertEntry(second, audit[1]);
        AssertEntry(otherPeriod, Assert.Single(await Storage.ReadAuditAsync(unit, "2025-Y").ToListAsync()));
    }

    [Fact]
    public async Task A_stale_write_appends_no_audit_rows()
    {
        var grain = NewId("stale-audit");
        var unit = NewId("unit");
        var first = await Storage.WriteWithAuditAsync(State, grain, "1", null, new AuditBatch([Entry(unit, "1.1")]));
        await Storage.WriteWithAuditAsync(State, grain, "2", first, new AuditBatch([Entry(unit, "1.1")]));

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteWithAuditAsync(State, grain, "3", first,
            new AuditBatch([Entry(unit, "1.1"), Entry(unit, "1.2")], new IdempotentResponse("k-stale", "r"))));

        Assert.Equal(2, (await Storage.ReadAuditAsync(unit, Period).ToListAsync()).Count);
        Assert.Null(await Storage.FindIdempotentResponseAsync(grain, "k-stale"));
    }

    [Fact]
    public async Task The_audit_log_rejects_updates_and_deletes()
    {
        var unit = NewId("unit");
        await Storage.WriteWithAuditAsync(State, NewId("append-only"), "1", null, new AuditBatch([Entry(unit, "1.1")]));
        await using var connection = await Target.OpenRawAsync(Target.SharedOptions);

        foreach (var sql in new[]
                 {
                     $"UPDATE score_audit SET new_value = '9.99' WHERE unit_code = '{unit}'",
                     $"DELETE FROM score_audit WHERE unit_code = '{unit}'",
                 })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("1.00", Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync()).NewValue);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_applied_once_and_answered_the_same()
    {
        var grain = NewId("idem");
        var unit = NewId("unit");
        var etag = await Storage.WriteWithAuditAsync(State, grain, "1", null,
            new AuditBatch([Entry(unit, "1.1", key: "req-1")], new IdempotentResponse("req-1", "answer-1")));

        Assert.Equal("answer-1", await Storage.FindIdempotentResponseAsync(grain, "req-1"));
        var duplicate = await Assert.ThrowsAsync<DuplicateIdempotencyKeyException>(() =>
            Storage.WriteWithAuditAsync(State, grain, "2", etag,
                new AuditBatch([Entry(unit, "1.1", key: "req-1")], new IdempotentResponse("req-1", "answer-2"))));

        Assert.Equal("answer-1", duplicate.StoredResponse);
        Assert.Equal("req-1", duplicate.IdempotencyKey);
        Assert.Equal(new StoredState("1", etag), await Storage.ReadAsync(State, grain));
        Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
        Assert.Null(await Storage.FindIdempotentResponseAsync(NewId("other-grain"), "req-1"));
    }

    [Fact]
    public async Task Racing_writes_with_one_idempotency_key_apply_once_across_two_store_instances()
    {
        var grain = NewId("idem-race");
        var unit = NewId("unit");
        await using var second = await ScoreStorageFactory.OpenAsync(Target.SharedOptions);
        var attempts = Enumerable.Range(0, 8).Select(i =>
        {
            var store = i % 2 == 0 ? Storage : second;

            // Different state names: only the key can stop the second write, not an ETag.
            return Attempt(() => store.WriteWithAuditAsync($"part-{i}", grain, "x", null,
                new AuditBatch([Entry(unit, "1.1", key: "same")], new IdempotentResponse("same", $"answer-{i}"))));
        }).ToList();
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o.Error is null);
        var winnerIndex = Array.IndexOf(outcomes, winner);
        Assert.All(outcomes.Where(o => o.Error is not null), o =>
            Assert.Equal($"answer-{winnerIndex}", Assert.IsType<DuplicateIdempotencyKeyException>(o.Error).StoredResponse));
        Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(i == winnerIndex, await Storage.ReadAsync($"part-{i}", grain) is not null);
        }
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loses_no_update_and_audits_every_acknowledged_write()
    {
        const int Grains = 10;
        const int Tasks = 50;
        const int WritesPerTask = 20;
        var prefix = NewId("concurrent");
        var acknowledged = new ConcurrentDictionary<int, int>();

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var g = t % Grains;
            for (var w = 0; w < WritesPerTask; w++)
            {
                while (true)
                {
                    var stored = await Storage.ReadAsync(State, $"{prefix}-{g}");
                    var n = stored is null ? 0 : int.Parse(stored.Payload, CultureInfo.InvariantCulture);
                    try
                    {
                        await Storage.WriteWithAuditAsync(State, $"{prefix}-{g}",
                            (n + 1).ToString(CultureInfo.InvariantCulture), stored?.ETag,
                            new AuditBatch([Entry($"{prefix}-unit-{g}", "1.1", n.ToString(CultureInfo.InvariantCulture),
                                (n + 1).ToString(CultureInfo.InvariantCulture))]));
                        acknowledged.AddOrUpdate(g, 1, (_, c) => c + 1);
                        break;
                    }
                    catch (InconsistentStateException)
                    {
                        // Someone else wrote first: read again and retry, as a grain would.
                    }
                }
            }
        })));

        Assert.Equal(Tasks * WritesPerTask, acknowledged.Values.Sum());
        for (var g = 0; g < Grains; g++)
        {
            var stored = await Storage.ReadAsync(State, $"{prefix}-{g}");
            Assert.Equal(acknowledged[g], int.Parse(stored!.Payload, CultureInfo.InvariantCulture));
            var audit = await Storage.ReadAuditAsync($"{prefix}-unit-{g}", Period).ToListAsync();
            Assert.Equal(acknowledged[g], audit.Count);
            Assert.Equal(Enumerable.Range(1, acknowledged[g]).Select(i => i.ToString(CultureInfo.InvariantCulture)),
                audit.Select(a => a.NewValue));
        }
    }

    [Fact]
    public async Task Group_commit_fails_only_the_stale_write_in_a_batch()
    {
        var batchSizes = new ConcurrentBag<int>();
        var auditAppends = 0L;
        using var listener = ListenTo(Storage, (name, value) =>
        {
            if (name == "cchc.storage.commit.batch_size")
            {
                batchSizes.Add((int)value);
            }
            else if (name == "cchc.storage.audit.appends")
            {
                Interlocked.Add(ref auditAppends, value);
            }
        });
        var blocker = NewId("blocker");
        var victim = NewId("victim");
        var unit = NewId("unit");
        var blockerETag = await Storage.WriteAsync(State, blocker, "0", null);
        var victimFirst = await Storage.WriteAsync(State, victim, "1", null);
        var victimSecond = await Storage.WriteAsync(State, victim, "2", victimFirst);
        batchSizes.Clear();

        Task<string> blocked;
        List<Task<(string? ETag, Exception? Error)>> queued;
        await using (await Target.HoldWriterAsync(Target.SharedOptions, State, blocker))
        {
            // The writer takes the blocker alone and waits on the lock; everything after it queues up.
            var formed = Storage.BatchesFormed;
            blocked = Storage.WriteAsync(State, blocker, "1", blockerETag);
            Assert.True(SpinWait.SpinUntil(() => Storage.BatchesFormed > formed, TimeSpan.FromSeconds(10)));
            queued = Enumerable.Range(0, 10)
                .Select(i => Attempt(() => Storage.WriteWithAuditAsync(State, $"{unit}-{i}", $"{i}", null,
                    new AuditBatch([Entry(unit, "2.1")]))))
                .Append(Attempt(() => Storage.WriteWithAuditAsync(State, victim, "stale", victimFirst,
                    new AuditBatch([Entry(unit, "2.1")]))))
                .ToList();
        }

        await blocked;
        var outcomes = await Task.WhenAll(queued);

        Assert.Equal([1, 11], batchSizes.Order());
        Assert.All(outcomes.Take(10), o => Assert.Null(o.Error));
        Assert.IsType<InconsistentStateException>(outcomes[10].Error);
        Assert.Equal(new StoredState("2", victimSecond), await Storage.ReadAsync(State, victim));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(new StoredState($"{i}", outcomes[i].ETag!), await Storage.ReadAsync(State, $"{unit}-{i}"));
        }

        Assert.Equal(10, (await Storage.ReadAuditAsync(unit, Period).ToListAsync()).Count);
        Assert.Equal(10, Interlocked.Read(ref auditAppends));
    }

    [Fact]
    public async Task A_write_canceled_while_still_queued_is_never_applied()
    {
        var blocker = NewId("blocker");
        var grain = NewId("canceled");
        var blockerETag = await Storage.WriteAsync(State, blocker, "0", null);
        using var cancel = new CancellationTokenSource();

        Task<string> blocked;
        Task<string> canceled;
        await using (await Target.HoldWriterAsync(Target.SharedOptions, State, blocker))
        {
            var formed = Storage.BatchesFormed;
            blocked = Storage.WriteAsync(State, blocker, "1", blockerETag);
            Assert.True(SpinWait.SpinUntil(() => Storage.BatchesFormed > formed, TimeSpan.FromSeconds(10)));
            canceled = Storage.WriteAsync(State, grain, "never", null, cancel.Token);
            await cancel.CancelAsync();
        }

        await blocked;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        var after = await Storage.WriteAsync(State, NewId("after"), "x", null); // the writer has moved past it
        Assert.NotNull(after);
        Assert.Null(await Storage.ReadAsync(State, grain));
    }

    [Fact]
    public async Task Failed_operations_are_counted_by_provider_operation_and_error_type()
    {
        var errors = new ConcurrentBag<(string Provider, string Operation, string Type)>();
        using var listener = ListenTo(Storage, (name, _, tags) =>
        {
            if (name == "cchc.storage.operation.errors")
            {
                errors.Add(((string)tags["provider"]!, (string)tags["operation"]!, (string)tags["error.type"]!));
            }
        });
        var grain = NewId("metrics");
        var etag = await Storage.WriteAsync(State, grain, "1", null);
        await Storage.WriteAsync(State, grain, "2", etag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteAsync(State, grain, "3", etag));

        Assert.Equal((Storage.ProviderName, "write", "inconsistent_state"), Assert.Single(errors));
    }

    [Fact]
    public async Task Bad_audit_input_is_rejected_with_a_clear_message_and_nothing_is_written()
    {
        var grain = NewId("bad");
        var unit = NewId("unit");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteWithAuditAsync(State, grain, "1",
            null, new AuditBatch([Entry(unit, "1.1"), Entry(unit, "1.2") with { Principal = " " }])));

        Assert.Contains("Audit entry 1 needs a principal", error.Message, StringComparison.Ordinal);
        Assert.Null(await Storage.ReadAsync(State, grain));
        Assert.Empty(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteAsync(State, "", "1", null));
    }

    [Fact]
    public async Task A_reopened_store_reads_everything_back()
    {
        var grain = NewId("reopen");
        var unit = NewId("unit");
        var entry = Entry(unit, "7.1.3", "0.25", "0.69");
        var etag = await Storage.WriteWithAuditAsync(State, grain, """{"ratio":"11/16"}""", null,
            new AuditBatch([entry], new IdempotentResponse("req-reopen", "ok")));

        await using var reopened = await ScoreStorageFactory.OpenAsync(Target.SharedOptions);

        Assert.Equal(new StoredState("""{"ratio":"11/16"}""", etag), await reopened.ReadAsync(State, grain));
        AssertEntry(entry, Assert.Single(await reopened.ReadAuditAsync(unit, Period).ToListAsync()));
        Assert.Equal("ok", await reopened.FindIdempotentResponseAsync(grain, "req-reopen"));
        Assert.True(await reopened.PingAsync());
    }

    [Fact]
    public async Task Migrations_run_twice_are_a_no_op()
    {
        var options = await Target.CreateFreshAsync();
        await using (var first = await ScoreStorageFactory.OpenAsync(options))
        {
            await first.WriteAsync(State, "kept", "1", null);
        }

        var before = await ReadSchemaVersionsAsync(options);
        await using var second = await ScoreStorageFactory.OpenAsync(options);
        await second.MigrateAsync();

        Assert.NotEmpty(before);
        Assert.Equal(Enumerable.Range(1, before.Count), before.Select(v => v.Version));
        Assert.Equal(before, await ReadSchemaVersionsAsync(options));
        Assert.Equal("1", (await second.ReadAsync(State, "kept"))!.Payload);
    }

    [Fact]
    public async Task Two_stores_migrating_a_fresh_database_at_once_apply_each_script_once()
    {
        var options = await Target.CreateFreshAsync();
        await using var a = ScoreStorageFactory.Create(options);
        await using var b = ScoreStorageFactory.Create(options);

        await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

        var versions = await ReadSchemaVersionsAsync(options);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Select(v => v.Version));
        var etag = await a.WriteAsync(State, "g", "1", null);
        Assert.Equal(new StoredState("1", etag), await b.ReadAsync(State, "g"));
    }

    [Fact]
    public async Task An_edited_or_unknown_migration_stops_start_up_with_a_clear_error()
    {
        var edited = await Target.CreateFreshAsync();
        await (await ScoreStorageFactory.OpenAsync(edited)).DisposeAsync();
        await ExecuteRawAsync(edited, "UPDATE schema_version SET checksum = 'edited' WHERE version = 1");

        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => ScoreStorageFactory.OpenAsync(edited));
        Assert.Contains("was changed after it was applied", changed.Message, StringComparison.Ordinal);

        var newer = await Target.CreateFreshAsync();
        await (await ScoreStorageFactory.OpenAsync(newer)).DisposeAsync();
        await ExecuteRawAsync(newer,
            "INSERT INTO schema_version (version, name, checksum, applied_at) SELECT 999, 'future', 'x', applied_at " +
            "FROM schema_version WHERE version = 1");

        var tooNew = await Assert.ThrowsAsync<InvalidOperationException>(() => ScoreStorageFactory.OpenAsync(newer));
        Assert.Contains("schema version 999, newer than this build knows", tooNew.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_times_come_from_the_injected_clock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        await using var storage = await ScoreStorageFactory.OpenAsync(Target.SharedOptions with { TimeProvider = clock });
        var first = NewId("clock");
        var second = NewId("clock");

        await storage.WriteAsync(State, first, "1", null);
        clock.Advance(TimeSpan.FromDays(1));
        await storage.WriteWithAuditAsync(State, second, "1", null,
            new AuditBatch([], new IdempotentResponse("req-clock", "ok")));

        Assert.Equal(clock.GetUtcNow().AddDays(-1), await ReadTimeAsync("grain_state", "updated_at", first));
        Assert.Equal(clock.GetUtcNow(), await ReadTimeAsync("grain_state", "updated_at", second));
        Assert.Equal(clock.GetUtcNow(), await ReadTimeAsync("idempotency", "recorded_at", second));
    }

    [Fact]
    public async Task Ping_answers_true_for_a_live_database()
    {
        Assert.True(await Storage.PingAsync());
        Assert.Contains(Storage.ProviderName, new[] { "sqlite", "postgresql" });
    }

    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected async Task ExecuteRawAsync(StorageOptions options, string sql)
    {
        await using var connection = await Target.OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DateTimeOffset> ReadTimeAsync(string table, string column, string grainId)
    {
        await using var connection = await Target.OpenRawAsync(Target.SharedOptions);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM {table} WHERE grain_id = '{grainId}'";
        return await command.ExecuteScalarAsync() switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            var other => throw new InvalidOperationException($"Unexpected {column} value {other}."),
        };
    }

    private static AuditEntry Entry(string unit, string item, string? oldValue = "0.50", string? newValue = "1.00",
        string? key = null) =>
        new(At, "can-bo@so-noi-vu", unit, Period, item, "SelfAssessment", oldValue, newValue,
            ["QĐ 12/QĐ-UBND.pdf"], "Tự đánh giá", key);

    private static void AssertEntry(AuditEntry expected, AuditEntry actual)
    {
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.At.Offset, actual.At.Offset);
        Assert.Equal(expected.Evidence, actual.Evidence);
        Assert.Equal(expected with { Evidence = actual.Evidence }, actual);
    }

    private static async Task<(string? ETag, Exception? Error)> Attempt(Func<Task<string>> write)
    {
        try
        {
            return (await write(), null);
        }
        catch (Exception error) when (error is InconsistentStateException or DuplicateIdempotencyKeyException)
        {
            return (null, error);
        }
    }

    private async Task<List<(int Version, string Name, string Checksum, string AppliedAt)>> ReadSchemaVersionsAsync(
        StorageOptions options)
    {
        await using var connection = await Target.OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, checksum, applied_at FROM schema_version ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1),
                reader.GetString(2), Convert.ToString(reader.GetValue(3), CultureInfo.InvariantCulture)!));
        }

        return rows;
    }

    private static MeterListener ListenTo(ScoreStorage storage, Action<string, long> onMeasurement) =>
        ListenTo(storage, (name, value, _) => onMeasurement(name, value));

    private static MeterListener ListenTo(ScoreStorage storage,
        Action<string, long, IReadOnlyDictionary<string, object?>> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this test's store: other tests' stores publish to meters of the same name.
                if (ReferenceEquals(instrument.Meter, storage.Metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            onMeasurement(instrument.Name, value, ToDictionary(tags)));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            onMeasurement(instrument.Name, value, ToDictionary(tags)));
        listener.Start();
        return listener;
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
