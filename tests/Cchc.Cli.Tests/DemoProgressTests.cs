using Cchc.Api.V1;
using Cchc.Cli.Demo;
using Cchc.Cli.Frameworks;
using Cchc.Cli.Units;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.Cli.Tests;

/// <summary>
/// The demo against the real cchc-server (SQLite, authentication on), run once: it plays a whole season, and the
/// server's progress figures must match the counts of what the demo submitted. Those counts are derived here by
/// replaying the demo's plan: the same sample files and <see cref="DemoScores"/> with the same seed, called in the
/// order the demo calls it (every commune's self-assessment, then survey, round 1, explanations, round 2).
/// </summary>
public sealed class DemoProgressTests
{
    private const int Seed = 2022; // cchc demo's default --seed

    [Fact]
    public async Task The_demo_plays_a_whole_season_and_the_progress_figures_match_what_it_submitted()
    {
        await using var server = await CchcServerProcess.StartAsync();

        var (code, output) = await InProcessCli.RunAsync($"demo --server {server.Address} --data-dir {server.DataDirectory} --speed 1000");

        Assert.True(code == ExitCodes.Success, $"demo exited {code}:\n{output}\nserver:\n{server.Output()}");
        // The sample file holds Huyện Tứ Kỳ and Huyện Ninh Giang: 2 districts, 36 communes.
        Assert.Contains("1. Imported Tỉnh Hải Dương: 2 districts, 36 communes.", output, StringComparison.Ordinal);
        Assert.Contains("8. Published: 36 communes ranked", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Live ranking unavailable", output, StringComparison.Ordinal);
        Assert.Contains("Xã Quang Khải", output, StringComparison.Ordinal);

        var plan = await ReplayAsync();
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        using var channel = GrpcChannel.ForAddress(server.Address);
        var progress = await new ProgressService.ProgressServiceClient(channel).GetProgressAsync(
            new GetProgressRequest { ScopeCode = "30", Period = new Period { Year = 2022, Kind = PeriodKind.Year } },
            new CallOptions(new Metadata { { "authorization", "Bearer " + admin } }));

        Assert.Equal(plan.Communes.Count, progress.Communes.Count);
        foreach (var row in progress.Communes)
        {
            var sent = plan.Communes[row.UnitCode];
            Assert.Equal(
                (row.UnitCode, plan.Regular, plan.Survey, sent.Self, sent.Round1, sent.Explained, sent.Round2, sent.Surveyed, sent.Unanswered),
                (row.UnitCode, row.RegularItems, row.SurveyItems, row.SelfAssessed, row.AppraisedRound1, row.Explained, row.AppraisedRound2, row.Surveyed, row.ExplanationsPending));
        }

        // The demo scores every regular leaf at every stage but the explanation, and every survey leaf: all 36
        // communes are "all" at each stage, and round 2 leaves no explanation pending.
        var everyone = new StageProgress { All = 36 };
        Assert.Equal(
            new ProgressTotals
            {
                UnitCount = 36,
                SelfAssessment = everyone,
                AppraisalRound1 = everyone,
                AppraisalRound2 = everyone,
                Survey = everyone,
                CommunesWithPendingExplanations = 0,
                PendingExplanations = 0,
                Explained = plan.Communes.Values.Sum(c => c.Explained),
            },
            progress.Totals);
        Assert.All(plan.Communes.Values, c => Assert.Equal((plan.Regular, plan.Regular, plan.Regular, plan.Survey), (c.Self, c.Round1, c.Round2, c.Surveyed)));

        // And the demo shows those totals at its end.
        Assert.Contains("9. Tiến độ (cchc progress --scope 30 --year 2022):", output, StringComparison.Ordinal);
        Assert.Contains($"Giải trình: 0 xã còn 0 tiêu chí chờ giải trình; {progress.Totals.Explained} tiêu chí đã giải trình.", output, StringComparison.Ordinal);

        // cchc progress prints the same, one row per commune.
        var shown = await InProcessCli.RunAsync($"progress --scope 30 --year 2022 --server {server.Address} --token {admin}");
        Assert.True(shown.Code == ExitCodes.Success, shown.Output);
        Assert.Contains("Tiến độ 30, năm 2022: 36 xã", shown.Output, StringComparison.Ordinal);
        Assert.Contains($"{plan.Regular}/{plan.Regular}", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Xã Quang Khải", shown.Output, StringComparison.Ordinal);
    }

    /// <summary>What the demo submits, commune by commune: the leaves sent at each stage.</summary>
    private static async Task<Plan> ReplayAsync()
    {
        var province = UnitsFile.Province(await UnitsFile.ReadAsync(Samples.Units, CancellationToken.None), "30", Samples.Units);
        var leaves = DemoLeaf.Of(await FrameworkFile.ReadAsync(Samples.Framework, CancellationToken.None));
        var byCode = leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var communes = province.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => u.Code).ToList();
        var scores = new DemoScores(Seed);
        var self = communes.ToDictionary(c => c, c => scores.SelfAssessment(c, leaves));
        var survey = communes.ToDictionary(c => c, c => scores.Survey(c, leaves));
        var round1 = communes.ToDictionary(c => c, c => scores.AppraisalRound1(self[c], byCode));
        var explained = communes.ToDictionary(c => c, c => scores.Explanation(round1[c].Reduced));
        var round2 = communes.ToDictionary(c => c, c => scores.AppraisalRound2(self[c], round1[c].Items, explained[c]));

        static int Distinct(IEnumerable<ItemScore> items) => items.Select(i => i.ItemCode).Distinct(StringComparer.Ordinal).Count();
        return new Plan(
            leaves.Count(l => !l.SurveyBased),
            leaves.Count(l => l.SurveyBased),
            communes.ToDictionary(c => c, c => new Sent(
                Distinct(self[c]),
                Distinct(round1[c].Items),
                Distinct(explained[c]),
                Distinct(round2[c]),
                Distinct(survey[c]),
                // An explanation can only be pending on an item round 1 scored and nothing answered since.
                round1[c].Items.Select(i => i.ItemCode).Except(explained[c].Concat(round2[c]).Select(i => i.ItemCode), StringComparer.Ordinal).Count())));
    }

    private sealed record Plan(int Regular, int Survey, Dictionary<string, Sent> Communes);

    private sealed record Sent(int Self, int Round1, int Explained, int Round2, int Surveyed, int Unanswered);
}
