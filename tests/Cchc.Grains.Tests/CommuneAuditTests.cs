using System.Data.Common;
using Cchc.Grains.Audit;
using Cchc.Grains.Scoring;
using Cchc.Storage;

namespace Cchc.Grains.Tests;

/// <summary>
/// One commune's audit on a real SQLite store: what the head recorded at publication catches that the chain alone
/// cannot (a chain rewritten with fresh hashes, entries added after publication).
/// </summary>
public sealed class CommuneAuditTests(SqliteTarget target) : IClassFixture<SqliteTarget>
{
    private const string Code = "11116";
    private const string Name = "Xã Quang Khải";
    private const string Stream = "commune/11116/2022";
    private static readonly DateTimeOffset At = new(2022, 12, 5, 9, 30, 15, TimeSpan.FromHours(7));

    [Fact]
    public async Task An_intact_sealed_commune_has_no_break_and_its_score_row_is_checked()
    {
        var (storage, _) = await SeasonAsync(batches: 3);
        await using var _storage = storage;
        var recorded = await SealAsync(storage);

        var audit = CommuneAudit.Of(Code, Name, Stream, await ReadAsync(storage), recorded);

        Assert.Equal((3, 0, true), (audit.Checked, audit.NotCovered, audit.ScoreChecked));
        Assert.Empty(audit.Breaks);
    }

    [Fact]
    public async Task A_chain_rewritten_with_fresh_hashes_passes_the_chain_but_not_the_head_recorded_at_publication()
    {
        var (storage, options) = await SeasonAsync(batches: 3);
        await using var _storage = storage;
        var recorded = await SealAsync(storage);

        // The attacker changes item 1.2's value (event and score row alike) and recomputes every hash after it.
        await using (var connection = await target.OpenRawAsync(options))
        {
            await ExecuteAsync(connection, "DROP TRIGGER score_audit_no_update");
            await ExecuteAsync(connection, $"UPDATE score_audit SET new_value = '2.00', payload = '{Payload(2.00m)}' WHERE grain_id = '{Stream}' AND item_code = '1.2'");
            var chain = await ReadAsync(storage);
            string? previous = null;
            foreach (var (entry, _, _) in chain.Entries)
            {
                var hash = AuditChainHash.Compute(previous, Stream, entry, entry.Version);
                await ExecuteAsync(connection, $"UPDATE score_audit SET prev_hash = {Quoted(previous)}, hash = '{hash}' " +
                    $"WHERE grain_id = '{Stream}' AND version = {entry.Version} AND item_code = '{entry.ItemCode}'");
                previous = hash;
            }

            await ExecuteAsync(connection, $"UPDATE score_stream SET head_hash = '{previous}' WHERE grain_id = '{Stream}'");
            var state = CommuneState.FromStream(new StoredStream(3, null, [.. chain.Entries.Select(e => e.Entry)]), CommuneState.Empty(Name, "30", "298"));
            await ExecuteAsync(connection, $"UPDATE score_snapshot SET payload = '{ScoreJson.Write(state)}' WHERE grain_id = '{Stream}'");
        }

        var withoutHead = CommuneAudit.Of(Code, Name, Stream, await ReadAsync(storage), null);
        var withHead = CommuneAudit.Of(Code, Name, Stream, await ReadAsync(storage), recorded);

        Assert.Empty(withoutHead.Breaks);
        var broken = Assert.Single(withHead.Breaks);
        Assert.Equal((AuditBreakKind.Head, "1.3", 3L), (broken.Kind, broken.ItemCode, broken.Version));
        Assert.Contains("the chain was rewritten afterwards", broken.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_added_after_publication_is_named_by_the_head_check()
    {
        var (storage, _) = await SeasonAsync(batches: 2);
        await using var _storage = storage;
        var recorded = await SealAsync(storage);
        await storage.AppendAsync(new StreamAppend(Stream, 2, [Entry("1.9", 0.5m)]));

        var audit = CommuneAudit.Of(Code, Name, Stream, await ReadAsync(storage), recorded);

        var broken = Assert.Single(audit.Breaks);
        Assert.Equal((AuditBreakKind.Head, "1.9", 3L, At), (broken.Kind, broken.ItemCode, broken.Version, broken.At));
        Assert.Contains("goes on to version 3, but it ended at version 2", broken.What, StringComparison.Ordinal);
    }

    private async Task<(ScoreStorage Storage, StorageOptions Options)> SeasonAsync(int batches)
    {
        var options = await target.CreateAsync();
        var storage = await ScoreStorageFactory.OpenAsync(options);
        for (var version = 0; version < batches; version++)
        {
            await storage.AppendAsync(new StreamAppend(Stream, version, [Entry($"1.{version + 1}", 1.00m)]));
        }

        return (storage, options);
    }

    // What publication does: the score row at the head's version, the head kept.
    private static async Task<ChainHead> SealAsync(ScoreStorage storage)
    {
        var stream = await storage.ReadStreamAsync(Stream);
        var state = CommuneState.FromStream(stream, CommuneState.Empty(Name, "30", "298"));
        var head = await storage.WriteSnapshotAsync(Stream, new StreamSnapshot(stream.Version, ScoreJson.Write(state)));
        return new ChainHead(head!.Version, head.Hash);
    }

    private static Task<StoredChain> ReadAsync(ScoreStorage storage) => storage.ReadChainAsync(Stream, Code, "2022");

    private static AuditEntry Entry(string item, decimal points) =>
        new(At, "ubnd.quangkhai", Code, "2022", item, nameof(ScoreStage.SelfAssessment), null, points.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            [], null, null, Payload(points));

    private static string Payload(decimal points) =>
        ScoreJson.Write(new StageValue("points", points, null, null, null, null, null, null, [], null, At, "ubnd.quangkhai"));

    private static string Quoted(string? value) => value is null ? "NULL" : $"'{value}'";

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
