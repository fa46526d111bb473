using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Cchc.Storage;

namespace Cchc.Storage.Tests;

/// <summary>
/// The hash chain of the audit log, run against every provider: what the append stores, checked against a hash
/// computed here from the documented encoding (not by the storage's own class), and what the check finds after rows
/// are changed behind the storage's back.
/// </summary>
public abstract class AuditChainContractTests(IStorageTarget target) : IAsyncLifetime
{
    private const string Period = "2024";

    // Sub-microsecond ticks: the chain hashes and stores whole microseconds.
    private static readonly DateTimeOffset At = new DateTimeOffset(2024, 12, 5, 9, 30, 15, TimeSpan.FromHours(7)).AddTicks(1_234_567);

    private ScoreStorage? _storage;

    private ScoreStorage Storage => _storage ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _storage = await ScoreStorageFactory.OpenAsync(target.SharedOptions);

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_entry_hashes_its_row_and_the_entry_before_it_across_appends_and_the_stream_keeps_the_head()
    {
        var stream = NewId("chain");
        var unit = NewId("unit");
        AuditEntry[] first = [Entry(unit, "1.1"), Entry(unit, "1.2") with { Comment = null, Evidence = [] }];
        AuditEntry[] second = [Entry(unit, "1.1", "1.00", "0.75") with { Stage = "AppraisalRound1", IdempotencyKey = "k-2", Payload = "{\"points\":0.75}" }];

        await Storage.AppendAsync(new StreamAppend(stream, 0, first));
        await Storage.AppendAsync(new StreamAppend(stream, 1, second));

        var rows = await ReadLinksAsync(stream);
        var expected1 = ExpectedHash(null, stream, first[0], 1);
        var expected2 = ExpectedHash(expected1, stream, first[1], 1);
        var expected3 = ExpectedHash(expected2, stream, second[0], 2);
        Assert.Equal([(null, expected1), (expected1, expected2), (expected2, expected3)], rows);
        Assert.Equal(new StreamHead(2, expected3), (await Storage.ReadChainAsync(stream, unit, Period)).Head);
        Assert.Equal(64, expected3.Length);
    }

    [Fact]
    public async Task Wide_appends_chain_every_row_to_the_one_before_across_appends()
    {
        var stream = NewId("wide-chain");
        var unit = NewId("unit");
        AuditEntry[] first = [.. Enumerable.Range(1, WideAppend.Rows).Select(i => Entry(unit, $"5.{i}"))];
        AuditEntry[] second = [.. Enumerable.Range(1, WideAppend.Rows).Select(i => Entry(unit, $"5.{i}", "1.00", "0.50") with { Stage = "AppraisalRound1" })];

        await Storage.AppendAsync(new StreamAppend(stream, 0, first));
        await Storage.AppendAsync(new StreamAppend(stream, 1, second));

        var expected = new List<(string? Previous, string? Hash)>();
        string? previous = null;
        foreach (var (entry, version) in first.Select(e => (e, 1L)).Concat(second.Select(e => (e, 2L))))
        {
            var hash = ExpectedHash(previous, stream, entry, version);
            expected.Add((previous, hash));
            previous = hash;
        }

        Assert.Equal(expected, await ReadLinksAsync(stream));
        var chain = await Storage.ReadChainAsync(stream, unit, Period);
        Assert.Equal(new StreamHead(2, previous), chain.Head);
        Assert.Equal(new ChainVerdict(2 * WideAppend.Rows, 0, null, new StreamHead(2, previous)), AuditChainCheck.Verify(stream, chain.Entries));
    }

    [Fact]
    public async Task A_stream_written_by_two_stores_chains_every_entry_and_a_store_behind_the_other_is_refused()
    {
        // Two silos' writers over one database: each knows the head it last committed, and only at that version.
        var stream = NewId("two-stores");
        var unit = NewId("unit");
        await using var other = await ScoreStorageFactory.OpenAsync(target.SharedOptions);
        AuditEntry[] entries = [Entry(unit, "1.1"), Entry(unit, "1.2"), Entry(unit, "1.3"), Entry(unit, "1.4")];

        await Storage.AppendAsync(new StreamAppend(stream, 0, [entries[0]]));
        await other.AppendAsync(new StreamAppend(stream, 1, [entries[1]]));
        var behind = await Assert.ThrowsAsync<StreamVersionConflictException>(() =>
            Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "9.9")], new IdempotentResponse("k-behind", "r"))));
        await other.AppendAsync(new StreamAppend(stream, 2, [Entry(unit, "9.9")], new IdempotentResponse("k-used", "r")));
        var used = await Assert.ThrowsAsync<DuplicateIdempotencyKeyException>(() =>
            Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "9.8")], new IdempotentResponse("k-used", "again"))));
        await Storage.AppendAsync(new StreamAppend(stream, 3, [entries[2]]));
        await other.AppendAsync(new StreamAppend(stream, 4, [entries[3]]));

        Assert.Equal((1L, 2L), (behind.ExpectedVersion, behind.ActualVersion));
        Assert.Null(await Storage.FindIdempotentResponseAsync(stream, "k-behind"));
        Assert.Equal("r", used.StoredResponse);
        var expected = new List<(string? Previous, string? Hash)>();
        string? previous = null;
        foreach (var (entry, version) in new[] { (entries[0], 1L), (entries[1], 2L), (Entry(unit, "9.9"), 3L), (entries[2], 4L), (entries[3], 5L) })
        {
            var hash = ExpectedHash(previous, stream, entry, version);
            expected.Add((previous, hash));
            previous = hash;
        }

        Assert.Equal(expected, await ReadLinksAsync(stream));
        var chain = await Storage.ReadChainAsync(stream, unit, Period);
        Assert.Equal(new ChainVerdict(5, 0, null, new StreamHead(5, previous!)), AuditChainCheck.Verify(stream, chain.Entries));
    }

    [Fact]
    public async Task An_entry_longer_than_the_hash_buffer_hashes_as_its_whole_canonical_bytes()
    {
        // Several kilobytes of multi-byte text: the canonical bytes outgrow the first buffer the hash takes.
        var stream = NewId("long");
        var unit = NewId("unit");
        var comment = string.Concat(Enumerable.Repeat("Hồ sơ đạt chuẩn; cán bộ một cửa hướng dẫn tận tình. ", 80));
        AuditEntry[] entries = [Entry(unit, "1.1") with { Comment = comment, Evidence = [.. Enumerable.Range(1, 40).Select(i => $"QĐ-{i}/UBND")] }];

        await Storage.AppendAsync(new StreamAppend(stream, 0, entries));

        Assert.True(Encoding.UTF8.GetByteCount(comment) > 4096);
        Assert.Equal([(null, ExpectedHash(null, stream, entries[0], 1))], await ReadLinksAsync(stream));
    }

    [Fact]
    public async Task Appends_of_many_streams_in_one_group_commit_each_link_to_their_own_stream()
    {
        var blocker = NewId("blocker");
        var unit = NewId("unit");
        var streams = Enumerable.Range(0, 6).Select(i => $"{unit}-{i}").ToList();
        await Storage.AppendAsync(new StreamAppend(blocker, 0, [Entry(NewId("blocker-unit"), "1.1")]));
        foreach (var s in streams)
        {
            await Storage.AppendAsync(new StreamAppend(s, 0, [Entry(unit, "1.1")]));
        }

        var heads = new Dictionary<string, string>();
        foreach (var s in streams)
        {
            heads[s] = Assert.Single(await ReadLinksAsync(s)).Hash!;
        }

        Task blocked;
        List<Task> queued;
        long formed;
        await using (await target.HoldWriterAsync(target.SharedOptions, blocker))
        {
            formed = Storage.BatchesFormed;
            blocked = Storage.AppendAsync(new StreamAppend(blocker, 1, [Entry(NewId("blocker-unit"), "1.1")]));
            Assert.True(SpinWait.SpinUntil(() => Storage.BatchesFormed > formed, TimeSpan.FromSeconds(10)));
            queued = [.. streams.Select(s => Storage.AppendAsync(new StreamAppend(s, 1, [Entry(unit, "2.1"), Entry(unit, "2.2")])))];
            Assert.True(SpinWait.SpinUntil(() => Storage.QueuedAppends == streams.Count, TimeSpan.FromSeconds(10)));
        }

        await blocked;
        await Task.WhenAll(queued);

        Assert.Equal(formed + 2, Storage.BatchesFormed); // the blocker alone, then all six together
        foreach (var s in streams)
        {
            var rows = await ReadLinksAsync(s);
            var second = ExpectedHash(heads[s], s, Entry(unit, "2.1"), 2);
            var third = ExpectedHash(second, s, Entry(unit, "2.2"), 2);
            Assert.Equal([(null, heads[s]), (heads[s], second), (second, third)], rows);
            var chain = await Storage.ReadChainAsync(s, unit, Period);
            Assert.Equal(new StreamHead(2, third), chain.Head);
            Assert.Equal(new ChainVerdict(3, 0, null, new StreamHead(2, third)), AuditChainCheck.Verify(s, chain.Entries));
        }
    }

    [Fact]
    public async Task The_check_names_the_changed_row_and_the_removed_one_and_nothing_in_an_intact_stream()
    {
        var options = await target.CreateFreshAsync();
        await using var storage = await ScoreStorageFactory.OpenAsync(options);
        foreach (var name in new[] { "changed", "removed", "intact" })
        {
            for (var version = 0; version < 4; version++)
            {
                await storage.AppendAsync(new StreamAppend(name, version, [Entry(name, $"1.{version + 1}")]));
            }
        }

        // An attacker with database access switches the append-only guard off first.
        var disable = options.Provider == StorageProvider.Sqlite
            ? "DROP TRIGGER score_audit_no_update; DROP TRIGGER score_audit_no_delete"
            : "ALTER TABLE score_audit DISABLE TRIGGER score_audit_no_change";
        await ExecuteAsync(options, disable);
        await ExecuteAsync(options, "UPDATE score_audit SET new_value = '0.25' WHERE grain_id = 'changed' AND item_code = '1.2'");
        await ExecuteAsync(options, "DELETE FROM score_audit WHERE grain_id = 'removed' AND item_code = '1.3'");

        var changed = AuditChainCheck.Verify("changed", (await storage.ReadChainAsync("changed", "changed", Period)).Entries);
        var removed = AuditChainCheck.Verify("removed", (await storage.ReadChainAsync("removed", "removed", Period)).Entries);
        var intact = AuditChainCheck.Verify("intact", (await storage.ReadChainAsync("intact", "intact", Period)).Entries);

        Assert.Equal(("1.2", "0.25"), (changed.Break?.Entry.ItemCode, changed.Break?.Entry.NewValue));
        Assert.Contains("content no longer matches its hash", changed.Break!.What, StringComparison.Ordinal);
        Assert.Equal(4, changed.Checked);
        Assert.Equal("1.4", removed.Break?.Entry.ItemCode);
        Assert.Contains("versions jump from 2 to 4", removed.Break!.What, StringComparison.Ordinal);
        Assert.Null(intact.Break);
        Assert.Equal((4, 0, 4L), (intact.Checked, intact.NotCovered, intact.End.Version));
    }

    [Fact]
    public async Task Entries_written_before_the_chain_existed_are_not_covered_and_the_chain_starts_after_them()
    {
        var options = await target.CreateFreshAsync();
        var beforeChain = options.Provider == StorageProvider.Sqlite ? 3 : 4;
        await using (var old = ScoreStorageFactory.Create(options))
        {
            await old.MigrateToAsync(beforeChain);
        }

        // The release before the chain wrote these rows: same columns, no hashes.
        await ExecuteAsync(options,
            "INSERT INTO score_stream (grain_id, version, updated_at) VALUES ('s', 2, '2024-12-05T02:30:15.000000Z');" +
            "INSERT INTO score_audit (grain_id, at, at_offset_minutes, principal, unit_code, period, item_code, stage, evidence, version) VALUES " +
            "('s', '2024-12-05T02:30:15.000000Z', 420, 'p', 'u', '2024', '1.1', 'SelfAssessment', " + Evidence(options) + ", 1), " +
            "('s', '2024-12-05T02:30:15.000000Z', 420, 'p', 'u', '2024', '1.2', 'SelfAssessment', " + Evidence(options) + ", 2)");
        await using var upgraded = await ScoreStorageFactory.OpenAsync(options);

        await upgraded.AppendAsync(new StreamAppend("s", 2, [Entry("u", "1.3")]));

        var chain = await upgraded.ReadChainAsync("s", "u", Period);
        var verdict = AuditChainCheck.Verify("s", chain.Entries);
        var hash = ExpectedHash(null, "s", Entry("u", "1.3"), 3);
        Assert.Equal(new ChainVerdict(1, 2, null, new StreamHead(3, hash)), verdict);
        Assert.Equal(new StreamHead(3, hash), chain.Head);
    }

    [Fact]
    public async Task A_snapshot_outside_an_append_is_written_only_at_the_stream_version_and_returns_the_head()
    {
        var stream = NewId("seal");
        var unit = NewId("unit");
        await Storage.AppendAsync(new StreamAppend(stream, 0, [Entry(unit, "1.1")]));
        await Storage.AppendAsync(new StreamAppend(stream, 1, [Entry(unit, "1.2")]));
        var head = Assert.Single((await ReadLinksAsync(stream)).Skip(1)).Hash;

        var stale = await Storage.WriteSnapshotAsync(stream, new StreamSnapshot(1, "at-1"));
        var sealedHead = await Storage.WriteSnapshotAsync(stream, new StreamSnapshot(2, "at-2"));
        var missing = await Storage.WriteSnapshotAsync(NewId("missing"), new StreamSnapshot(1, "x"));

        Assert.Null(stale);
        Assert.Null(missing);
        Assert.Equal(new StreamHead(2, head), sealedHead);
        var chain = await Storage.ReadChainAsync(stream, unit, Period);
        Assert.Equal((2L, "at-2"), (chain.Snapshot?.Version, chain.Snapshot?.Payload));
        Assert.Equal(new StreamSnapshot(2, "at-2"), (await Storage.ReadStreamAsync(stream)).Snapshot);
    }

    /// <summary>The documented encoding, written out here independently of <see cref="AuditChainHash"/>.</summary>
    private static string ExpectedHash(string? previous, string stream, AuditEntry e, long version)
    {
        var bytes = new List<byte>();
        void Int(long value, int width)
        {
            for (var shift = (width - 1) * 8; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)(value >> shift));
            }
        }

        void Text(string? value)
        {
            if (value is null)
            {
                Int(-1, 4);
                return;
            }

            var utf8 = Encoding.UTF8.GetBytes(value);
            Int(utf8.Length, 4);
            bytes.AddRange(utf8);
        }

        Text("cchc-audit-v1");
        Text(previous);
        Text(stream);
        Int((long)Math.Floor((e.At.UtcDateTime - DateTime.UnixEpoch).TotalMicroseconds), 8);
        Int((long)e.At.Offset.TotalMinutes, 4);
        foreach (var field in new[] { e.Principal, e.UnitCode, e.Period, e.ItemCode, e.Stage, e.OldValue, e.NewValue })
        {
            Text(field);
        }

        Int(e.Evidence.Count, 4);
        foreach (var reference in e.Evidence)
        {
            Text(reference);
        }

        Text(e.Comment);
        Text(e.IdempotencyKey);
        Text(e.Payload);
        Int(version, 8);
        return Convert.ToHexString(SHA256.HashData([.. bytes])).ToLowerInvariant();
    }

    private async Task<List<(string? Previous, string? Hash)>> ReadLinksAsync(string stream)
    {
        await using var connection = await target.OpenRawAsync(target.SharedOptions);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT prev_hash, hash FROM score_audit WHERE grain_id = '{stream}' ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string?, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return rows;
    }

    private async Task ExecuteAsync(StorageOptions options, string sql)
    {
        await using var connection = await target.OpenRawAsync(options);
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string Evidence(StorageOptions options) =>
        options.Provider == StorageProvider.Sqlite ? "'[]'" : "ARRAY[]::text[]";

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static AuditEntry Entry(string unit, string item, string? oldValue = "0.50", string? newValue = "1.00") =>
        new(At, "can-bo@so-noi-vu", unit, Period, item, "SelfAssessment", oldValue, newValue,
            ["QĐ 12/QĐ-UBND.pdf", "Báo cáo; số 2"], "Tự đánh giá", null, null);
}
