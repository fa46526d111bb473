using Cchc.Storage;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Cchc.Server.Tests;

/// <summary>
/// The SQLite volume fills up (a small tmpfs and a filler file) under a write load: writes are refused with
/// RESOURCE_EXHAUSTED saying the disk is full and nothing of the batch was stored, reads still answer; once space is
/// freed the resent batches are acknowledged; afterwards the file passes PRAGMA integrity_check and every acknowledged
/// batch is in its audit table.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_full_SQLite_volume_refuses_writes_clearly_corrupts_nothing_and_writes_resume_once_space_is_freed()
    {
        const int VolumeMegabytes = 16;
        var tiny = new TinyProvince("86", 2024);
        await using var volume = await TmpfsMount.MountAsync(VolumeMegabytes);
        var database = Path.Combine(volume.Directory, StorageOptions.SqliteFileName);
        var filler = Path.Combine(volume.Directory, "filler");
        WriteLoad load;
        TimeSpan filledAt, freedAt;
        long fillerBytes;
        await using (var server = await RunningServer.StartAsync(dataDirectory: volume.Directory))
        {
            var admin = await tiny.SeedAsync(server);
            load = new WriteLoad(server, tiny, CallDeadline);
            load.Start();
            Assert.True(SpinWait.SpinUntil(() => load.Acknowledged >= 30 || load.FailedAttempts > 0, Patience), "the writes never got going");
            Assert.True(load.FailedAttempts == 0, $"writes failed before the volume filled: {load.Summary}");

            filledAt = load.Now;
            fillerBytes = TmpfsMount.Fill(filler);
            Assert.True(SpinWait.SpinUntil(() => load.FailedAttempts >= 3 * tiny.Communes.Count, Patience), $"writes were not refused on the full volume: {load.Summary}");

            // Reads do not need space.
            Assert.Equal(tiny.Communes[0], (await tiny.ScorecardAsync(admin, tiny.Communes[0])).CommuneCode);

            freedAt = load.Now;
            File.Delete(filler);
            Assert.True(SpinWait.SpinUntil(() => load.AcknowledgedSince(freedAt) >= 3 * tiny.Communes.Count, Patience), $"writes did not resume: {load.Summary}");
            await load.StopAsync(Patience);
            foreach (var (commune, generation) in load.LastAcknowledged)
            {
                Assert.Equal(WriteLoad.Points(generation), ScoreCards.Item((await tiny.ScorecardAsync(admin, commune)).Fields, "1.1").SelfPoints);
            }
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal("ok", await IntegrityCheckAsync(database));
        Assert.Empty(await AuditKeys.MissingFromSqliteAsync(database, load.AcknowledgedKeys));

        var failures = load.Failures;
        Assert.True(failures.Keys.All(code => code == StatusCode.ResourceExhausted), $"refusals other than RESOURCE_EXHAUSTED: {load.Summary}");
        var full = failures[StatusCode.ResourceExhausted];
        Assert.All(load.Messages.Keys, m => Assert.Matches("disk is full: nothing of this write was stored.*frees space", m));
        Print($"SQLite on a {VolumeMegabytes} MB tmpfs filled ({fillerBytes / 1024 / 1024.0:0.0} MB filler) under {tiny.Communes.Count} writers: " +
            $"{full.Count} writes refused RESOURCE_EXHAUSTED (longest {full.Longest.TotalMilliseconds:0} ms), " +
            $"{load.AcknowledgedSince(filledAt) - load.AcknowledgedSince(freedAt)} acknowledged while full; \"{full.FirstMessage}\"");
        Print($"filler deleted: first write acknowledged after {(load.FirstAcknowledgedAfter(freedAt)!.Value - freedAt).TotalSeconds:0.0} s; " +
            $"{load.Acknowledged} acknowledged in all, 0 missing from the audit table; PRAGMA integrity_check: ok");
    }

    private static async Task<string> IntegrityCheckAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return (string)(await check.ExecuteScalarAsync())!;
    }

    private void Print(string line) => output.WriteLine(TestFigures.Print("faults", line));
}
