using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Cchc.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Storage.Tests;

/// <summary>
/// The event store's contract, run unchanged against every provider (see the sealed subclasses). Tests share one
/// database per class and stay apart by unique stream ids and unit codes; tests about the schema itself get a
/// fresh database.
/// </summary>
public abstract class StorageContractTests(IStorageTarget target) : IAsyncLifetime
{
    private const string Period = "2024";

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
    public async Task Reading_a_stream_that_was_never_appended_to_gives_version_0_and_nothing_else()
    {
        Assert.Equal(StoredStream.Empty, await Storage.ReadStreamAsync(NewId("missing")));
    }

    [Fact]
    public async Task Appends_stamp_their_entries_with_the_new_version_and_read_back_in_order()
    {
        var stream = NewId("stream");
        var unit = NewId("unit");
        var first = Entry(unit, "1.1", payload: """{"kind":"points","points":1.0}""");
        var second = Entry(unit, "1.2", payload: """{"kind":"ratio","numerator":408,"denominator":637}""");
        var third = Entry(unit, "1.1", "1.00", "0.75", payload: """{"kind":"points","points":0.75}""") with { Stage = "AppraisalRound1" };

        await Storage.AppendAsync(new StreamAppend(stream, 0, [first, second]));
        await Storage.AppendAsync(new StreamAppend(stream, 1, [third]));

        var read = await Storage.ReadStreamAsync(stream);
        Assert.Equal(2, read.Version);
        Assert.Null(read.Snapshot);
        Assert.Equal(3, read.Events.Count);
        AssertEntry(first with { Version = 1 }, read.Events[0]);
        AssertEntry(second with { Version = 1 }, read.Events[1]);
        AssertEntry(third with { Version = 2 }, read.Events[2]);
    }

    [Fact]
    public async Task A_wide_append_reads_back_every_field_of_every_row_exactly()
    {
        // Every kind of value a row holds, absent ones included, across the rows of one append.
        var stream = NewId("wide");
        var unit = NewId("unit");
        var decomposed = "Xã Nghĩa Đồng".Normalize(NormalizationForm.FormD);
        var entries = Enumerable.Range(1, WideAppend.Rows).Select(i => (i % 4) switch
        {
            0 => Entry(unit, $"4.{i}", oldValue: null, payload: $$"""{"kind":"points","points":{{i}}.25}"""),
            1 => Entry(unit, $"4.{i}", newValue: null) with { Evidence = [], Comment = null },
            2 => Entry(unit, $"4.{i}", key: $"k-wide-{i}") with { Evidence = ["Báo cáo số 7.pdf", "Biên bản.docx"], Comment = decomposed },
            _ => Entry(unit, $"4.{i}", "0.00", "2.00") with { Stage = "AppraisalRound1", At = At.AddDays(i).ToOffset(TimeSpan.FromHours(-3)) },
        }).ToList();

        await Storage.AppendAsync(new StreamAppend(stream, 0, entries));
        await Storage.AppendAsync(new StreamAppend(stream, 1, [.. entries.Take(WideAppend.Rows - 1).Select(e => e with { Stage = "AppraisalRound2" })]));

        var read = await Storage.ReadStreamAsync(stream);
        Assert.Equal(2, read.Version);
        Assert.Equal(2 * WideAppend.Rows - 1, read.Events.Count);
        for (var i = 0; i < WideAppend.Rows; i++)
        {
            AssertEntry(entries[i] with { Version = 1 }, read.Events[i]);
        }

        for (var i = 0; i < WideAppend.Rows - 1; i++)
        {
            AssertEntry(entries[i] with { Stage = "AppraisalRound2", Version = 2 }, read.Events[WideAppend.Rows + i]);
        }

        var audit = await Storage.ReadAuditAsync(unit, Period).ToListAsync();
        Assert.Equal(read.Events.Count, audit.Count);
        for (var i = 0; i < audit.Count; i++)
        {
            AssertEntry(read.Events[i], audit[i]);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(WideAppend.Rows)]
    public async Task A_stale_version_fails_clearly_and_writes_nothing(int rows)
    {
        var stream = NewId("stale");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));
        await Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "1.1")]));

        var error = await Assert.ThrowsAsync<StreamVersionConflictException>(() => Storage.AppendAsync(
            new StreamAppend(stream, 1, [.. Enumerable.Range(1, rows).Select(i => Entry(unit, $"1.{i}"))], new IdempotentResponse("k-stale", "r"),
                new StreamSnapshot(2, "stale"))));

        Assert.Equal((stream, 1L, 2L), (error.StreamId, error.ExpectedVersion, error.ActualVersion));
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await Storage.ReadAuditAsync(unit, Period).ToListAsync()).Count);
        Assert.Null(await Storage.FindIdempotentResponseAsync(stream, "k-stale"));
        var read = await Storage.ReadStreamAsync(stream);
        Assert.Equal(2, read.Version);
        Assert.Null(read.Snapshot);
    }

    [Fact]
    public async Task Starting_a_stream_that_exists_or_continuing_one_that_does_not_is_a_conflict()
    {
        var existing = NewId("exists");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(existing, 0, [Entry(unit, "1.1")]));

        var twice = await Assert.ThrowsAsync<StreamVersionConflictException>(() =>
            Storage.AppendAsync(new StreamAppend(existing, 0, [Entry(unit, "1.2")])));
        var ghost = await Assert.ThrowsAsync<StreamVersionConflictException>(() =>
            Storage.AppendAsync(new StreamAppend(NewId("ghost"), 3, [Entry(unit, "1.3")])));

        Assert.Equal(1, twice.ActualVersion);
        Assert.Null(ghost.ActualVersion);
        Assert.Equal(["1.1"], (await Storage.ReadAuditAsync(unit, Period).ToListAsync()).Select(a => a.ItemCode));
    }

    [Fact]
    public async Task A_one_item_append_adds_one_row_and_rewrites_nothing_else()
    {
        var stream = NewId("one-item");
        var unit = NewId("unit");
        var items = Enumerable.Range(1, 40).Select(i => Entry(unit, $"3.{i}")).ToList();
        await Storage.AppendAsync(new StreamAppend(stream, 0, items, Snapshot: new StreamSnapshot(1, "{\"forty\":true}")));
        var before = await ReadRowsAsync(stream);

        await Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "3.7", "0.50", "0.25")]));

        var after = await ReadRowsAsync(stream);
        Assert.Equal(before.AuditRows + 1, after.AuditRows);
        Assert.Equal(before.Snapshot, after.Snapshot);
        Assert.Equal((1L, 2L), (before.StreamVersion, after.StreamVersion));
        var added = Assert.Single((await Storage.ReadStreamAsync(stream)).Events);
        Assert.Equal(("3.7", 2L), (added.ItemCode, added.Version));
    }

    [Fact]
    public async Task A_snapshot_written_with_an_append_is_read_with_only_the_events_after_it()
    {
        var stream = NewId("snap");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));
        await Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "1.2")], Snapshot: new StreamSnapshot(2, "after-2")));
        await Storage.AppendAsync(new StreamAppend(stream, 2, [Entry(unit, "1.3")]));
        await Storage.AppendAsync(new StreamAppend(stream, 3, [Entry(unit, "1.4"), Entry(unit, "1.5")]));

        var read = await Storage.ReadStreamAsync(stream);

        Assert.Equal(4, read.Version);
        Assert.Equal(new StreamSnapshot(2, "after-2"), read.Snapshot);
        Assert.Equal([("1.3", 3L), ("1.4", 4L), ("1.5", 4L)], read.Events.Select(e => (e.ItemCode, e.Version)));
        Assert.Equal(5, (await Storage.ReadAuditAsync(unit, Period).ToListAsync()).Count);
    }

    [Fact]
    public async Task Vietnamese_text_round_trips_exactly_in_snapshot_payload_and_audit()
    {
        const string commune = "Xã Đồng Liên";
        const string item = "Tiêu chí 1.5: Tổ chức đối thoại";
        Assert.True(commune.IsNormalized(NormalizationForm.FormC));
        var decomposed = "Phường Hòa Bình".Normalize(NormalizationForm.FormD);
        var stream = NewId("xã-đồng-liên");
        var unit = NewId("đồng-liên");
        var state = $$"""{"name":"{{commune}}","item":"{{item}}","nfd":"{{decomposed}}"}""";
        var entry = Entry(unit, "1.5", payload: $$"""{"comment":"{{decomposed}}"}""") with
        {
            Principal = "Nguyễn Thị Hồng Nhung",
            Evidence = ["Báo cáo số 12/BC-UBND về đối thoại.pdf", decomposed],
            Comment = $"{item} — chưa đủ tài liệu kiểm chứng; giải trình: đã tổ chức 2/5 cuộc.",
        };

        await Storage.AppendAsync(new StreamAppend(stream, 0, [entry], Snapshot: new StreamSnapshot(1, state)));

        var read = await Storage.ReadStreamAsync(stream);
        Assert.Equal(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(read.Snapshot!.Payload));
        Assert.Contains(decomposed, read.Snapshot.Payload, StringComparison.Ordinal); // NFD stays NFD: storage never normalizes
        AssertEntry(entry with { Version = 1 }, Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync()));
    }

    [Fact]
    public async Task A_one_mebibyte_snapshot_round_trips()
    {
        var stream = NewId("large");
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 1024 * 1024; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{{\"item\":\"3.12.{i}\",\"note\":\"Đã tiếp nhận hồ sơ\"}},");
        }

        var payload = builder.ToString();
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(NewId("unit"), "1.1")], Snapshot: new StreamSnapshot(1, payload)));

        Assert.Equal(payload, (await Storage.ReadStreamAsync(stream)).Snapshot!.Payload);
    }

    [Fact]
    public async Task Audit_entries_are_read_by_unit_and_period_in_order()
    {
        var stream = NewId("audit");
        var unit = NewId("unit");
        var first = Entry(unit, "1.1", null, "1.00");
        var second = Entry(unit, "1.2", "0.50", "0.75") with
        {
            At = At.AddMinutes(5).ToOffset(TimeSpan.Zero),
            Stage = "AppraisalRound1",
            Comment = null,
            Evidence = [],
        };
        var otherPeriod = Entry(unit, "1.1") with { Period = "2025" };

        await Storage.AppendAsync(new StreamAppend(stream, 0, [first, second]));
        await Storage.AppendAsync(new StreamAppend(NewId("other"), 0, [otherPeriod]));

        var audit = await Storage.ReadAuditAsync(unit, Period).ToListAsync();
        Assert.Equal(2, audit.Count);
        AssertEntry(first with { Version = 1 }, audit[0]);
        AssertEntry(second with { Version = 1 }, audit[1]);
        AssertEntry(otherPeriod with { Version = 1 }, Assert.Single(await Storage.ReadAuditAsync(unit, "2025").ToListAsync()));
    }

    [Fact]
    public async Task The_audit_log_rejects_updates_and_deletes()
    {
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(NewId("append-only"), 0, [Entry(unit, "1.1")]));
        await using var connection = await Target.OpenRawAsync(Target.SharedOptions);

        foreach (var sql in new[]
                 {
                     $"UPDATE score_audit SET new_value = '9.99' WHERE unit_code = '{unit}'",
                     $"UPDATE score_audit SET version = 7 WHERE unit_code = '{unit}'",
                     $"DELETE FROM score_audit WHERE unit_code = '{unit}'",
                 })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }

        var kept = Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
        Assert.Equal(("1.00", 1L), (kept.NewValue, kept.Version));
    }

    [Fact]
    public async Task Two_batches_with_one_version_cannot_both_be_stored()
    {
        // Behind the stream row's check, the unique index refuses a second batch of a version even when written raw.
        var stream = NewId("guard");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));
        await using var connection = await Target.OpenRawAsync(Target.SharedOptions);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO score_audit (grain_id, at, at_offset_minutes, principal, unit_code, period, item_code, stage, evidence, version) " +
            $"SELECT grain_id, at, at_offset_minutes, principal, unit_code, period, item_code, stage, evidence, version FROM score_audit WHERE grain_id = '{stream}'";

        await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());
        Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(WideAppend.Rows)]
    public async Task An_audit_row_the_database_refuses_fails_its_append_alone_and_the_stream_takes_the_next_one(int rows)
    {
        // One item twice in one batch passes the append's own checks; the unique index on (stream, version, item)
        // refuses the second row, in the middle of the rows' insert.
        var stream = NewId("twice");
        var unit = NewId("unit");
        var distinct = Enumerable.Range(1, rows - 1).Select(i => Entry(unit, $"1.{i}")).ToList();
        var error = await Assert.ThrowsAnyAsync<DbException>(() => Storage.AppendAsync(
            new StreamAppend(stream, 0, [.. distinct.Take(rows / 2), Entry(unit, "1.1", newValue: "0.75"), .. distinct.Skip(rows / 2)])));

        Assert.Contains("unique", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StoredStream.Empty, await Storage.ReadStreamAsync(stream));
        Assert.Empty(await Storage.ReadAuditAsync(unit, Period).ToListAsync());

        await Storage.AppendAsync(new StreamAppend(stream, 0, distinct));
        var stored = await Storage.ReadAuditAsync(unit, Period).ToListAsync();
        Assert.Equal(distinct.Select(e => e.ItemCode), stored.Select(e => e.ItemCode));
        Assert.Equal(1, (await Storage.ReadStreamAsync(stream)).Version);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_applied_once_and_answered_the_same()
    {
        var stream = NewId("idem");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1", key: "req-1")], new IdempotentResponse("req-1", "answer-1")));

        Assert.Equal("answer-1", await Storage.FindIdempotentResponseAsync(stream, "req-1"));
        var duplicate = await Assert.ThrowsAsync<DuplicateIdempotencyKeyException>(() => Storage.AppendAsync(
            new StreamAppend(stream, 1, [Entry(unit, "1.1", key: "req-1")], new IdempotentResponse("req-1", "answer-2"))));

        Assert.Equal(("answer-1", "req-1", stream), (duplicate.StoredResponse, duplicate.IdempotencyKey, duplicate.StreamId));
        Assert.Equal(1, (await Storage.ReadStreamAsync(stream)).Version);
        Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
        Assert.Null(await Storage.FindIdempotentResponseAsync(NewId("other-stream"), "req-1"));
    }

    [Fact]
    public async Task A_stream_is_read_with_its_idempotency_keys_up_to_256_and_without_them_past_that()
    {
        var stream = NewId("keys");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));
        for (var version = 1; version <= 256; version++)
        {
            var key = $"lan-{version:000}";
            await Storage.AppendAsync(new StreamAppend(stream, version, [Entry(unit, "1.1", key: key)], new IdempotentResponse(key, "ok")));
            if (version == 2)
            {
                Assert.Equal(["lan-001", "lan-002"], (await Storage.ReadStreamAsync(stream)).IdempotencyKeys!.Order(StringComparer.Ordinal));
            }
        }

        var full = await Storage.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, 256).Select(v => $"lan-{v:000}"), full.IdempotencyKeys!.Order(StringComparer.Ordinal));
        Assert.Equal([], (await Storage.ReadStreamAsync(NewId("no-keys"))).IdempotencyKeys);

        await Storage.AppendAsync(new StreamAppend(stream, 257, [Entry(unit, "1.1", key: "lan-257")], new IdempotentResponse("lan-257", "ok")));
        var past = await Storage.ReadStreamAsync(stream);
        Assert.Equal(258, past.Version);
        Assert.Null(past.IdempotencyKeys);
    }

    [Fact]
    public async Task Racing_appends_with_one_idempotency_key_apply_once_across_two_store_instances()
    {
        var unit = NewId("unit");
        var stream = NewId("idem-race");
        await using var second = await ScoreStorageFactory.OpenAsync(Target.SharedOptions);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Attempt(() => (i % 2 == 0 ? Storage : second)
            .AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1", key: "same")], new IdempotentResponse("same", $"answer-{i}"))))));

        var winner = Array.FindIndex(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.True(o is StreamVersionConflictException or DuplicateIdempotencyKeyException));
        Assert.Equal($"answer-{winner}", await Storage.FindIdempotentResponseAsync(stream, "same"));
        Assert.Single(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
    }

    [Fact]
    public async Task Concurrent_read_decide_append_loses_no_update_and_audits_every_acknowledged_batch()
    {
        const int Streams = 10;
        const int Tasks = 50;
        const int AppendsPerTask = 20;
        var prefix = NewId("concurrent");
        var acknowledged = new ConcurrentDictionary<int, int>();

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var s = t % Streams;
            for (var w = 0; w < AppendsPerTask; w++)
            {
                while (true)
                {
                    var version = (await Storage.ReadStreamAsync($"{prefix}-{s}")).Version;
                    try
                    {
                        await Storage.AppendAsync(new StreamAppend($"{prefix}-{s}", version,
                            [Entry($"{prefix}-unit-{s}", "1.1", version.ToString(CultureInfo.InvariantCulture), (version + 1).ToString(CultureInfo.InvariantCulture))]));
                        acknowledged.AddOrUpdate(s, 1, (_, c) => c + 1);
                        break;
                    }
                    catch (StreamVersionConflictException)
                    {
                        // Someone else appended first: read again and decide again, as a grain would.
                    }
                }
            }
        })));

        Assert.Equal(Tasks * AppendsPerTask, acknowledged.Values.Sum());
        for (var s = 0; s < Streams; s++)
        {
            Assert.Equal(acknowledged[s], (await Storage.ReadStreamAsync($"{prefix}-{s}")).Version);
            var audit = await Storage.ReadAuditAsync($"{prefix}-unit-{s}", Period).ToListAsync();
            Assert.Equal(Enumerable.Range(1, acknowledged[s]).Select(i => i.ToString(CultureInfo.InvariantCulture)), audit.Select(a => a.NewValue));
            Assert.Equal(Enumerable.Range(1, acknowledged[s]).Select(i => (long)i), audit.Select(a => a.Version));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(WideAppend.Rows)]
    public async Task Group_commit_fails_only_the_stale_append_in_a_batch(int rows)
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
        await Storage.AppendAsync(new StreamAppend(blocker, 0, [Entry(NewId("blocker-unit"), "1.1")]));
        await Storage.AppendAsync(new StreamAppend(victim, 0, [Entry(NewId("victim-unit"), "1.1")]));
        await Storage.AppendAsync(new StreamAppend(victim, 1, [Entry(NewId("victim-unit"), "1.1")]));
        batchSizes.Clear();
        Interlocked.Exchange(ref auditAppends, 0);

        Task blocked;
        List<Task<Exception?>> queued;
        await using (await Target.HoldWriterAsync(Target.SharedOptions, blocker))
        {
            // The writer takes the blocker alone and waits on the lock; everything after it queues up.
            var formed = Storage.BatchesFormed;
            blocked = Storage.AppendAsync(new StreamAppend(blocker, 1, [Entry(NewId("blocker-unit"), "1.1")]));
            Assert.True(SpinWait.SpinUntil(() => Storage.BatchesFormed > formed, TimeSpan.FromSeconds(10)));
            AuditEntry[] entries = [.. Enumerable.Range(1, rows).Select(r => Entry(unit, $"2.{r}"))];
            queued = Enumerable.Range(0, 10)
                .Select(i => Attempt(() => Storage.AppendAsync(new StreamAppend($"{unit}-{i}", 0, entries))))
                .Append(Attempt(() => Storage.AppendAsync(new StreamAppend(victim, 1, entries))))
                .ToList();
        }

        await blocked;
        var outcomes = await Task.WhenAll(queued);

        Assert.Equal([1, 11], batchSizes.Order());
        Assert.All(outcomes.Take(10), Assert.Null);
        Assert.IsType<StreamVersionConflictException>(outcomes[10]);
        Assert.Equal(2, (await Storage.ReadStreamAsync(victim)).Version);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, (await Storage.ReadStreamAsync($"{unit}-{i}")).Version);
        }

        Assert.Equal(10 * rows, (await Storage.ReadAuditAsync(unit, Period).ToListAsync()).Count);
        Assert.Equal(1 + (10 * rows), Interlocked.Read(ref auditAppends)); // the blocker's entry and the ten that committed
    }

    [Fact]
    public async Task An_append_canceled_while_still_queued_is_never_applied()
    {
        var blocker = NewId("blocker");
        var stream = NewId("canceled");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(blocker, 0, [Entry(NewId("blocker-unit"), "1.1")]));
        using var cancel = new CancellationTokenSource();

        Task blocked;
        Task canceled;
        await using (await Target.HoldWriterAsync(Target.SharedOptions, blocker))
        {
            var formed = Storage.BatchesFormed;
            blocked = Storage.AppendAsync(new StreamAppend(blocker, 1, [Entry(NewId("blocker-unit"), "1.1")]));
            Assert.True(SpinWait.SpinUntil(() => Storage.BatchesFormed > formed, TimeSpan.FromSeconds(10)));
            canceled = Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]), cancel.Token);
            await cancel.CancelAsync();
        }

        await blocked;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        await Storage.AppendAsync(new StreamAppend(NewId("after"), 0, [Entry(NewId("after-unit"), "1.1")])); // the writer moved past it
        Assert.Equal(StoredStream.Empty, await Storage.ReadStreamAsync(stream));
        Assert.Empty(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
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
        var stream = NewId("metrics");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));

        await Assert.ThrowsAsync<StreamVersionConflictException>(() => Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")])));

        Assert.Equal((Storage.ProviderName, "append", "version_conflict"), Assert.Single(errors));
    }

    [Fact]
    public async Task Bad_input_is_rejected_with_a_clear_message_and_nothing_is_written()
    {
        var stream = NewId("bad");
        var unit = NewId("unit");

        var principal = await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(
            new StreamAppend(stream, 0, [Entry(unit, "1.1"), Entry(unit, "1.2") with { Principal = " " }])));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(new StreamAppend(stream, 0, [])));
        var snapshot = await Assert.ThrowsAsync<ArgumentException>(() => Storage.AppendAsync(
            new StreamAppend(stream, 0, [Entry(unit, "1.1")], Snapshot: new StreamSnapshot(5, "{}"))));

        Assert.Contains("Audit entry 1 needs a principal", principal.Message, StringComparison.Ordinal);
        Assert.Contains("at least one audit entry", empty.Message, StringComparison.Ordinal);
        Assert.Contains("snapshot is of version 5, but this append makes version 1", snapshot.Message, StringComparison.Ordinal);
        Assert.Equal(StoredStream.Empty, await Storage.ReadStreamAsync(stream));
        Assert.Empty(await Storage.ReadAuditAsync(unit, Period).ToListAsync());
    }

    [Fact]
    public async Task A_reopened_store_reads_everything_back()
    {
        var stream = NewId("reopen");
        var unit = NewId("unit");
        var entry = Entry(unit, "7.1.3", "0.25", "0.69", payload: """{"kind":"ratio"}""");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [entry], new IdempotentResponse("req-reopen", "ok"), new StreamSnapshot(1, "{\"v\":1}")));

        await using var reopened = await ScoreStorageFactory.OpenAsync(Target.SharedOptions);

        var read = await reopened.ReadStreamAsync(stream);
        Assert.Equal((1L, new StreamSnapshot(1, "{\"v\":1}")), (read.Version, read.Snapshot));
        Assert.Empty(read.Events);
        AssertEntry(entry with { Version = 1 }, Assert.Single(await reopened.ReadAuditAsync(unit, Period).ToListAsync()));
        Assert.Equal("ok", await reopened.FindIdempotentResponseAsync(stream, "req-reopen"));
        Assert.True(await reopened.PingAsync());
    }

    [Fact]
    public async Task A_commune_stored_whole_before_events_becomes_a_stream_with_its_state_as_snapshot()
    {
        // A database at schema version 1 (the whole-state design) with one commune written by the old grains.
        var options = await Target.CreateFreshAsync();
        var legacy = """{"unitName":"Xã Quang Khải","provinceCode":"30","districtCode":"288","version":3,"items":{}}""";
        await using (var storage = ScoreStorageFactory.Create(options))
        {
            await storage.MigrateToAsync(1);
        }

        await ExecuteRawAsync(options,
            "INSERT INTO grain_state (state_name, grain_id, payload, etag, updated_at) " +
            $"VALUES ('scores', 'commune/11116/2022', '{legacy}', 'e1', {Timestamp(options)})");

        await using var upgraded = await ScoreStorageFactory.OpenAsync(options);

        var read = await upgraded.ReadStreamAsync("commune/11116/2022");
        Assert.Equal((3L, new StreamSnapshot(3, legacy)), (read.Version, read.Snapshot));
        Assert.Empty(read.Events);
        Assert.Equal([], read.IdempotencyKeys);
        await upgraded.AppendAsync(new StreamAppend("commune/11116/2022", 3, [Entry("11116", "1.1")]));
        Assert.Equal(4, (await upgraded.ReadStreamAsync("commune/11116/2022")).Version);
    }

    [Fact]
    public async Task Migrations_run_twice_are_a_no_op()
    {
        var options = await Target.CreateFreshAsync();
        await using (var first = await ScoreStorageFactory.OpenAsync(options))
        {
            await first.AppendAsync(new StreamAppend("kept", 0, [Entry("kept-unit", "1.1")]));
        }

        var before = await ReadSchemaVersionsAsync(options);
        await using var second = await ScoreStorageFactory.OpenAsync(options);
        await second.MigrateAsync();

        Assert.NotEmpty(before);
        Assert.Equal(Enumerable.Range(1, before.Count), before.Select(v => v.Version));
        Assert.Equal(before, await ReadSchemaVersionsAsync(options));
        Assert.Equal(1, (await second.ReadStreamAsync("kept")).Version);
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
        await a.AppendAsync(new StreamAppend("g", 0, [Entry("g-unit", "1.1")]));
        Assert.Equal(1, (await b.ReadStreamAsync("g")).Version);
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
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        await using var storage = await ScoreStorageFactory.OpenAsync(Target.SharedOptions with { TimeProvider = clock });
        var stream = NewId("clock");

        await storage.AppendAsync(new StreamAppend(stream, 0, [Entry(NewId("unit"), "1.1")]));
        clock.Advance(TimeSpan.FromDays(1));
        await storage.AppendAsync(new StreamAppend(stream, 1, [Entry(NewId("unit"), "1.1")],
            new IdempotentResponse("req-clock", "ok"), new StreamSnapshot(2, "{}")));

        Assert.Equal(clock.GetUtcNow(), await ReadTimeAsync("score_stream", "updated_at", stream));
        Assert.Equal(clock.GetUtcNow(), await ReadTimeAsync("score_snapshot", "taken_at", stream));
        Assert.Equal(clock.GetUtcNow(), await ReadTimeAsync("idempotency", "recorded_at", stream));
    }

    [Fact]
    public async Task Ping_answers_true_for_a_live_database()
    {
        Assert.True(await Storage.PingAsync());
        Assert.Contains(Storage.ProviderName, new[] { "sqlite", "postgresql" });
    }

    [Fact]
    public async Task Pruning_deletes_exactly_the_idempotency_records_older_than_the_cutoff_in_bounded_batches()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var storage = await ScoreStorageFactory.OpenAsync(await Target.CreateFreshAsync() with { TimeProvider = clock });
        var unit = NewId("unit");
        var streams = new List<string>();
        foreach (var after in new[] { 0, 1, 2, 48, 72 })
        {
            // Records at 0 h, 1 h, 2 h, 48 h and 72 h after the start.
            clock.SetUtcNow(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(after));
            var stream = NewId("prune");
            streams.Add(stream);
            await storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1", key: "k")], new IdempotentResponse("k", $"answer-{after}")));
        }

        var cutoff = new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero); // exactly the fourth record's time: kept

        Assert.Equal(2, await storage.PruneIdempotencyAsync(cutoff, 2));
        Assert.Equal(1, await storage.PruneIdempotencyAsync(cutoff, 2));
        Assert.Equal(0, await storage.PruneIdempotencyAsync(cutoff, 2));

        var answers = new List<string?>();
        foreach (var stream in streams)
        {
            answers.Add(await storage.FindIdempotentResponseAsync(stream, "k"));
        }

        Assert.Equal([null, null, null, "answer-48", "answer-72"], answers);
        Assert.Equal(5, (await storage.ReadAuditAsync(unit, Period).ToListAsync()).Count); // the audit log keeps everything

        // The consequence: a retry whose key was pruned is a new request, applied again; a kept key is still answered.
        await storage.AppendAsync(new StreamAppend(streams[0], 1, [Entry(unit, "1.1", key: "k")], new IdempotentResponse("k", "again")));
        Assert.Equal(2, (await storage.ReadStreamAsync(streams[0])).Version);
        await Assert.ThrowsAsync<DuplicateIdempotencyKeyException>(() => storage.AppendAsync(
            new StreamAppend(streams[3], 1, [Entry(unit, "1.1", key: "k")], new IdempotentResponse("k", "again"))));
    }

    [Fact]
    public async Task A_full_write_queue_refuses_the_next_append_at_once_and_writes_nothing_of_it()
    {
        var options = await Target.CreateFreshAsync() with { MaxQueuedAppends = 2 };
        await using var storage = await ScoreStorageFactory.OpenAsync(options);
        var blocker = NewId("blocker");
        var refused = NewId("refused");
        await storage.AppendAsync(new StreamAppend(blocker, 0, [Entry(NewId("unit"), "1.1")]));

        Task blocked;
        Task[] queued;
        StorageBusyException busy;
        await using (await Target.HoldWriterAsync(options, blocker))
        {
            var formed = storage.BatchesFormed;
            blocked = storage.AppendAsync(new StreamAppend(blocker, 1, [Entry(NewId("unit"), "1.1")]));
            Assert.True(SpinWait.SpinUntil(() => storage.BatchesFormed > formed, TimeSpan.FromSeconds(10)));
            queued = [storage.AppendAsync(new StreamAppend(NewId("queued"), 0, [Entry(NewId("unit"), "1.1")])),
                storage.AppendAsync(new StreamAppend(NewId("queued"), 0, [Entry(NewId("unit"), "1.1")]))];
            Assert.Equal(2, storage.QueuedAppends);

            busy = await Assert.ThrowsAsync<StorageBusyException>(() =>
                storage.AppendAsync(new StreamAppend(refused, 0, [Entry(NewId("unit"), "1.1")])));
        }

        Assert.Equal("The storage already has 2 writes waiting, its maximum; nothing was written. Retry in a moment.", busy.Message);
        await blocked;
        await Task.WhenAll(queued);
        Assert.Equal(StoredStream.Empty, await storage.ReadStreamAsync(refused));
    }

    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected async Task ExecuteRawAsync(StorageOptions options, string sql)
    {
        await using var connection = await Target.OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Timestamp(StorageOptions options) =>
        options.Provider == StorageProvider.Sqlite ? "'2024-12-05T02:30:15.000000Z'" : "now()";

    private async Task<(long AuditRows, string? Snapshot, long StreamVersion)> ReadRowsAsync(string stream)
    {
        await using var connection = await Target.OpenRawAsync(Target.SharedOptions);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT count(*) FROM score_audit WHERE grain_id = '{stream}'), " +
            $"(SELECT payload FROM score_snapshot WHERE grain_id = '{stream}'), " +
            $"(SELECT version FROM score_stream WHERE grain_id = '{stream}')";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.IsDBNull(1) ? null : reader.GetString(1),
            Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
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

    protected static AuditEntry Entry(string unit, string item, string? oldValue = "0.50", string? newValue = "1.00",
        string? key = null, string? payload = null) =>
        new(At, "can-bo@so-noi-vu", unit, Period, item, "SelfAssessment", oldValue, newValue,
            ["QĐ 12/QĐ-UBND.pdf"], "Tự đánh giá", key, payload);

    private static void AssertEntry(AuditEntry expected, AuditEntry actual)
    {
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.At.Offset, actual.At.Offset);
        Assert.Equal(expected.Evidence, actual.Evidence);
        Assert.Equal(expected with { Evidence = actual.Evidence }, actual);
    }

    private static async Task<Exception?> Attempt(Func<Task> append)
    {
        try
        {
            await append();
            return null;
        }
        catch (Exception error) when (error is StreamVersionConflictException or DuplicateIdempotencyKeyException)
        {
            return error;
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
