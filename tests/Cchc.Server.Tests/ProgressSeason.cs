using System.Globalization;
using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Security;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// Thành phố Đà Nẵng (48) as of 1 March 2025 from the shared units file (8 districts, 47 communes; Huyện Hoàng Sa has
/// none) on one running server, with the 23-leaf season framework (21 regular leaves, 2 survey leaves) for 2023 and
/// 2024. For 2024 it drives a season in which communes stop at different stages, following a plan by position in code
/// order, and keeps a ledger of which leaves it sent at which stage, so a test can derive every expected count.
/// </summary>
public sealed class ProgressSeason : IAsyncLifetime
{
    public const string Province = "48";
    public const int Year = 2024;

    /// <summary>A year with the framework and nothing scored, for the live test.</summary>
    public const int QuietYear = 2023;

    internal RunningServer Server { get; private set; } = null!;

    internal ApiClient Writers { get; private set; } = null!;

    internal ProgressService.ProgressServiceClient Progress { get; private set; } = null!;

    /// <summary>The province's communes in code order, with their districts.</summary>
    internal IReadOnlyList<Unit> Communes { get; private set; } = [];

    /// <summary>What was sent: commune → stage → leaf codes.</summary>
    internal Dictionary<string, Dictionary<Stage, HashSet<string>>> Sent { get; } = new(StringComparer.Ordinal);

    /// <summary>Leaves whose round-1 value the test made lower than the self-assessed one (manual points max → max − 1), per commune.</summary>
    internal Dictionary<string, HashSet<string>> Reduced { get; } = new(StringComparer.Ordinal);

    internal static IReadOnlyList<SeasonFramework.Spec> RegularLeaves { get; } = [.. SeasonFramework.Leaves().Where(l => !SeasonFramework.IsSurvey(l.Code))];

    internal static IReadOnlyList<SeasonFramework.Spec> SurveyLeaves { get; } = [.. SeasonFramework.Leaves().Where(l => SeasonFramework.IsSurvey(l.Code))];

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync();
        Writers = Server.Anonymous();
        Progress = Writers.Progress;
        var import = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        var admin = Server.ClientAs(TestTokens.ProvinceAdmin(Province));
        await admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year)).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, QuietYear)).ResponseAsync;
        Communes = [.. import.Units.Where(u => u.Level == UnitLevel.Commune).OrderBy(u => u.Code, StringComparer.Ordinal)];
        await PlayAsync();
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    internal CallOptions As(CchcPrincipal principal) => Server.Tokens.As(principal);

    /// <summary>A value every method of the season framework takes, at full points.</summary>
    internal static ItemScore Full(SeasonFramework.Spec leaf)
    {
        var item = new ItemScore { ItemCode = leaf.Code };
        switch (leaf.Kind)
        {
            case "manual":
                item.Points = leaf.Max.ToString(CultureInfo.InvariantCulture);
                break;
            case "penalty":
                item.Points = "0";
                break;
            case "yes-no":
                item.Yes = true;
                break;
            case "deduction":
                item.Faults = 0;
                break;
            case "count":
                item.Count = (int)leaf.Parameter!.Value;
                break;
            case "bonus":
                item.Count = 1;
                break;
            default:
                item.Ratio = new RatioInput { Numerator = 1, Denominator = 1 };
                break;
        }

        return item;
    }

    internal SubmitScoresRequest Request(string commune, int year, Stage stage, IEnumerable<ItemScore> items)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(year), Stage = stage };
        request.Items.Add(items);
        return request;
    }

    internal async Task SubmitAsync(SubmitScoresRequest request)
    {
        var writer = request.Stage switch
        {
            Stage.SelfAssessment or Stage.Explanation => TestTokens.CommuneOfficer(Province, request.CommuneCode),
            Stage.Survey => TestTokens.ProvinceAdmin(Province),
            _ => TestTokens.Appraiser(Province),
        };
        var response = await Writers.Scoring.SubmitScoresAsync(request, As(writer)).ResponseAsync;
        Assert.Equal(request.Items.Count, response.AcceptedCount);
        if (request.Period.Year == Year)
        {
            lock (Sent)
            {
                var stages = Sent.TryGetValue(request.CommuneCode, out var s) ? s : Sent[request.CommuneCode] = [];
                (stages.TryGetValue(request.Stage, out var codes) ? codes : stages[request.Stage] = new HashSet<string>(StringComparer.Ordinal))
                    .UnionWith(request.Items.Select(i => i.ItemCode));
            }
        }
    }

    /// <summary>
    /// By position i in code order: self-assessment of nothing (i % 4 = 0), every regular leaf (1), the first 10 (2), or
    /// every one with 1.1 "not evaluated" (3); survey of both leaves (i % 3 = 0), 6.1 only (1) or none (2). Round 1 for
    /// i % 8 = 1: every leaf, 1.1 and 2.1.3 one point lower; i % 8 = 5: the first 5 leaves, 1.1 lower, then explained;
    /// i % 8 = 3: every leaf, 1.1 scored (self had not evaluated it), 2.1.3 lower, then round 2 of every leaf.
    /// Of the i % 8 = 1 communes, those with i % 16 = 9 explain 2.1.3.
    /// </summary>
    private async Task PlayAsync()
    {
        var batches = new List<SubmitScoresRequest>();
        foreach (var (unit, i) in Communes.Select((u, i) => (u, i)))
        {
            List<ItemScore> self = (i % 4) switch
            {
                1 => [.. RegularLeaves.Select(Full)],
                2 => [.. RegularLeaves.Take(10).Select(Full)],
                3 => [.. RegularLeaves.Select(l => l.Code == "1.1" ? new ItemScore { ItemCode = "1.1", NotEvaluated = true } : Full(l))],
                _ => [],
            };
            if (self.Count > 0)
            {
                batches.Add(Request(unit.Code, Year, Stage.SelfAssessment, self));
            }

            var survey = SurveyLeaves.Take(i % 3 == 0 ? 2 : i % 3 == 1 ? 1 : 0).Select(l => new ItemScore { ItemCode = l.Code, Points = "8.5" }).ToList();
            if (survey.Count > 0)
            {
                batches.Add(Request(unit.Code, Year, Stage.Survey, survey));
            }
        }

        await SendAsync(batches);
        batches.Clear();
        var explanations = new List<SubmitScoresRequest>();
        var round2 = new List<SubmitScoresRequest>();
        foreach (var (unit, i) in Communes.Select((u, i) => (u, i)))
        {
            IReadOnlyList<SeasonFramework.Spec> leaves = (i % 8) switch
            {
                1 or 3 => RegularLeaves,
                5 => [.. RegularLeaves.Take(5)],
                _ => [],
            };
            string[] lower = (i % 8) switch
            {
                1 => ["1.1", "2.1.3"],
                5 => ["1.1"],
                3 => ["2.1.3"],
                _ => [],
            };
            if (leaves.Count == 0)
            {
                continue;
            }

            var round1 = leaves.Select(l => Full(l)).ToList();
            foreach (var item in round1.Where(r => lower.Contains(r.ItemCode)))
            {
                item.Points = (decimal.Parse(item.Points, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
                item.Comment = "Hội đồng trừ 1 điểm: thiếu tài liệu kiểm chứng";
            }

            if (i % 8 == 3)
            {
                // Self marked 1.1 "not evaluated"; the council scores it: nothing to compare, so never pending.
                round1.Single(r => r.ItemCode == "1.1").Points = "1";
            }

            Reduced[unit.Code] = [.. lower];
            batches.Add(Request(unit.Code, Year, Stage.AppraisalRound1, round1));
            var explained = i % 8 == 5 ? "1.1" : i % 16 == 9 ? "2.1.3" : null;
            if (explained is not null)
            {
                explanations.Add(Request(unit.Code, Year, Stage.Explanation,
                    [new ItemScore { ItemCode = explained, Comment = "Xã đã bổ sung tài liệu kiểm chứng", Evidence = { "Báo cáo số 12/BC-UBND" } }]));
            }

            if (i % 8 == 3)
            {
                round2.Add(Request(unit.Code, Year, Stage.AppraisalRound2, round1.Select(r => r.Clone())));
            }
        }

        await SendAsync(batches);
        await SendAsync(explanations);
        await SendAsync(round2);
    }

    private async Task SendAsync(List<SubmitScoresRequest> batches) =>
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, _) => await SubmitAsync(batch));
}
