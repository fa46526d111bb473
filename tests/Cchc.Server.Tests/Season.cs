using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Cchc.Security;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Tests;

/// <summary>
/// One province's year driven through the API, keeping beside it what was sent as the core's scorecards so the
/// test can compute every expected figure with Cchc.Core alone. Each stage is sent by the principal who enters it:
/// the commune's officer, its district's (or the province's) appraiser, the province administrator for the survey.
/// </summary>
internal sealed class Season(ApiClient client, TestTokens tokens, string province, int year, IReadOnlyList<Season.Commune> communes, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, Dictionary<string, Draft>> _drafts = communes.ToDictionary(c => c.Code, _ => new Dictionary<string, Draft>(StringComparer.Ordinal), StringComparer.Ordinal);

    public Cchc.Core.Frameworks.Framework Framework { get; } = SeasonFramework.ToCore(province, year);

    public CorePeriod Period { get; } = CorePeriod.Annual(year);

    public Task PutFrameworkAsync() => client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(province, year), tokens.As(TestTokens.ProvinceAdmin(province))).ResponseAsync;

    /// <summary>Self-assessment, survey, appraisal round 1, explanations, round 2 (for every other commune).</summary>
    public async Task PlayAsync()
    {
        var regular = SeasonFramework.Leaves().Where(l => !SeasonFramework.IsSurvey(l.Code)).ToList();
        var survey = SeasonFramework.Leaves().Where(l => SeasonFramework.IsSurvey(l.Code)).ToList();
        await StageAsync(Stage.SelfAssessment, _ => regular, (d, input, _) => d.Self = input);
        await StageAsync(Stage.Survey, _ => survey, (d, input, _) => d.Survey = ((PointsInput)input).Points, survey: true);
        await StageAsync(Stage.AppraisalRound1, _ => regular, (d, input, comment) => (d.Round1, d.Comment1) = (input, comment));
        await SendAllAsync(Stage.Explanation, communes.Where((_, i) => i % 5 == 0).Select(c => (c.Code, new List<ItemScore>
        {
            new() { ItemCode = "1.1", Comment = "Xã đã bổ sung kế hoạch số 12/KH-UBND", Evidence = { "12/KH-UBND" } },
        })).ToList());
        await StageAsync(Stage.AppraisalRound2, i => i % 2 == 0 ? regular.Where((_, j) => j % 4 == i % 4).ToList() : [],
            (d, input, comment) => (d.Round2, d.Comment2) = (input, comment));
    }

    public Task<SubmitScoresResponse> SubmitAsync(SubmitScoresRequest request) => client.Scoring.SubmitScoresAsync(request, tokens.As(Writer(request))).ResponseAsync;

    /// <summary>Who enters the request's stage for its commune.</summary>
    public CchcPrincipal Writer(SubmitScoresRequest request) => request.Stage switch
    {
        Stage.SelfAssessment or Stage.Explanation => TestTokens.CommuneOfficer(province, request.CommuneCode),
        Stage.Survey => TestTokens.ProvinceAdmin(province),
        _ => TestTokens.Appraiser(province, communes.Single(c => c.Code == request.CommuneCode).District is { Length: 3 } district ? district : null),
    };

    public SubmitScoresRequest Request(string commune, Stage stage, IEnumerable<ItemScore> items)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(year), Stage = stage };
        request.Items.Add(items);
        return request;
    }

    /// <summary>The commune's card as the server should hold it.</summary>
    public Scorecard Card(Commune commune) => new(commune.Code, commune.Name, Period, _drafts[commune.Code].ToDictionary(
        d => d.Key,
        d => new ItemEntry
        {
            Self = d.Value.Self,
            Appraisal1 = d.Value.Round1,
            Appraisal2 = d.Value.Round2,
            SurveyPoints = d.Value.Survey,
            CouncilComment = d.Value.Round2 is not null ? d.Value.Comment2 : d.Value.Comment1,
        },
        StringComparer.Ordinal));

    public ScorecardResult Result(Commune commune) => ScorecardCalculator.Compute(Framework, Card(commune));

    private async Task StageAsync(Stage stage, Func<int, List<SeasonFramework.Spec>> leavesOf, Action<Draft, ScoreInput, string?> record, bool survey = false)
    {
        // Drawn in order with the seeded generator, then sent concurrently.
        var batches = new List<(string Code, List<ItemScore> Items)>();
        for (var i = 0; i < communes.Count; i++)
        {
            var items = new List<ItemScore>();
            foreach (var leaf in leavesOf(i))
            {
                var (api, core) = ScoreDraw.Draw(leaf, _random, survey);
                var comment = stage is Stage.AppraisalRound1 or Stage.AppraisalRound2 && _random.Next(3) == 0 ? $"Hội đồng trừ điểm mục {leaf.Code}: thiếu tài liệu kiểm chứng" : null;
                api.Comment = comment ?? "";
                var draft = _drafts[communes[i].Code].TryGetValue(leaf.Code, out var d) ? d : _drafts[communes[i].Code][leaf.Code] = new Draft();
                record(draft, core, comment);
                items.Add(api);
            }

            if (items.Count > 0)
            {
                batches.Add((communes[i].Code, items));
            }
        }

        await SendAllAsync(stage, batches);
    }

    private async Task SendAllAsync(Stage stage, List<(string Code, List<ItemScore> Items)> batches) =>
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, _) =>
        {
            var response = await SubmitAsync(Request(batch.Code, stage, batch.Items));
            Assert.Equal(batch.Items.Count, response.AcceptedCount);
        });

    internal sealed record Commune(string Code, string Name, string District);

    private sealed class Draft
    {
        public ScoreInput? Self { get; set; }

        public ScoreInput? Round1 { get; set; }

        public ScoreInput? Round2 { get; set; }

        public decimal? Survey { get; set; }

        public string? Comment1 { get; set; }

        public string? Comment2 { get; set; }
    }
}
