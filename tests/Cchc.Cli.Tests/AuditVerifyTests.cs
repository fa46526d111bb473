using System.Data.Common;
using System.Globalization;

namespace Cchc.Cli.Tests;

/// <summary>
/// The audit trail end to end, per database: a season of three communes on the real cchc-server, published; then an
/// attacker with database access changes one audit row and one score row behind the server's back, and
/// <c>cchc audit verify</c> must name exactly those two (commune and item, with the row's time) and nothing else.
/// </summary>
public abstract class AuditVerifyTests
{
    protected const string Province = "30";

    // Xã Đại Sơn's audit row of item 1.1.2 and Xã Quang Khải's score row of item 1.2 are changed; Xã Hưng Đạo is left alone.
    private const string EditedEntryCommune = "11083";
    private const string EditedEntryItem = "1.1.2";
    private const string EditedScoreCommune = "11116";
    private const string EditedScoreItem = "1.2";
    private static readonly string[] Communes = [EditedScoreCommune, EditedEntryCommune, "11086"];

    /// <summary>Starts the server on this test's database.</summary>
    private protected abstract Task<CchcServerProcess> StartServerAsync();

    /// <summary>A plain connection to the server's database, bypassing the server.</summary>
    private protected abstract Task<DbConnection> OpenDatabaseAsync(CchcServerProcess server);

    /// <summary>What an attacker runs first: the append-only triggers off.</summary>
    protected abstract string DisableAppendOnlySql { get; }

    /// <summary>Changes the comment of one item's self-assessment inside a score row's JSON.</summary>
    protected abstract string EditScoreRowSql(string streamId, string item);

    [Fact]
    public async Task Verify_reports_intact_after_publication_then_names_exactly_the_edited_audit_row_and_score_row()
    {
        await using var server = await StartServerAsync();
        var at = $"--server {server.Address}";
        var admin = await InProcessCli.TokenAsync(server, $"--role province-admin --province {Province}");
        await RunOkAsync($"units import --file {Samples.Units} {at} --token {admin}");
        await RunOkAsync($"framework put --province {Province} --year 2022 --file {Samples.Framework} {at} --token {admin}");
        foreach (var commune in Communes)
        {
            var officer = await InProcessCli.TokenAsync(server, $"--role commune-officer --province {Province} --commune {commune}");
            await RunOkAsync($"scores submit --commune {commune} --year 2022 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        }

        await RunOkAsync($"publish --scope {Province} --year 2022 --yes {at} --token {admin}");
        var verify = $"audit verify --province {Province} --year 2022 {at} --token {admin}";

        var intact = await InProcessCli.RunAsync(verify);

        // The sample file's items, each an audit entry of each of the three communes.
        var items = File.ReadAllLines(Samples.SelfScores).Skip(1).Count(line => line.Length > 0);
        Assert.True(intact.Code == ExitCodes.Success, intact.Output + "\nserver:\n" + server.Output());
        Assert.Contains(": intact.", intact.Output, StringComparison.Ordinal);
        Assert.Contains($"Checked 36 communes: {3 * items} audit entries by hash, 3 score rows against their entries; 0 entries predate the chain", intact.Output, StringComparison.Ordinal);
        Assert.Contains("compared with the head recorded at publication", intact.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BROKEN", intact.Output, StringComparison.Ordinal);

        string entryTime, scoreTime;
        await using (var database = await OpenDatabaseAsync(server))
        {
            await ExecuteAsync(database, DisableAppendOnlySql);
            Assert.Equal(1, await ExecuteAsync(database,
                $"UPDATE score_audit SET new_value = '2.00' WHERE grain_id = 'commune/{EditedEntryCommune}/2022' AND item_code = '{EditedEntryItem}'"));
            Assert.Equal(1, await ExecuteAsync(database, EditScoreRowSql($"commune/{EditedScoreCommune}/2022", EditedScoreItem)));
            entryTime = await ReadSecondAsync(database, $"SELECT at FROM score_audit WHERE grain_id = 'commune/{EditedEntryCommune}/2022' AND item_code = '{EditedEntryItem}'");
            scoreTime = await ReadSecondAsync(database, $"SELECT taken_at FROM score_snapshot WHERE grain_id = 'commune/{EditedScoreCommune}/2022'");
        }

        var broken = await InProcessCli.RunAsync(verify);

        Assert.True(broken.Code == ExitCodes.Broken, broken.Output);
        Assert.Contains(": 2 broken link(s).", broken.Output, StringComparison.Ordinal);
        var lines = broken.Output.Split('\n').Where(l => l.StartsWith("BROKEN ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"BROKEN {EditedEntryCommune} Xã Đại Sơn · item {EditedEntryItem} · {entryTime}", lines[0], StringComparison.Ordinal);
        Assert.Contains("audit entry", lines[0], StringComparison.Ordinal);
        Assert.Contains("content no longer matches its hash", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"BROKEN {EditedScoreCommune} Xã Quang Khải · item {EditedScoreItem} · {scoreTime}", lines[1], StringComparison.Ordinal);
        Assert.Contains("score row", lines[1], StringComparison.Ordinal);
    }

    private static async Task RunOkAsync(string commandLine)
    {
        var (code, output) = await InProcessCli.RunAsync(commandLine);
        Assert.True(code == ExitCodes.Success, $"{commandLine}\n{output}");
    }

    /// <returns>The rows the last statement changed.</returns>
    private static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        var changed = 0;
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            changed = await command.ExecuteNonQueryAsync();
        }

        return changed;
    }

    /// <summary>A stored UTC time to the second as the CLI prints it ("2026-12-02T04:00:09"); the server's clock is UTC.</summary>
    private static async Task<string> ReadSecondAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var utc = await command.ExecuteScalarAsync() switch
        {
            DateTime time => time,
            string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            var other => throw new InvalidOperationException($"Unexpected time {other}."),
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
