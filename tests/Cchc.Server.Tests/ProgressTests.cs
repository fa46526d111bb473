using System.Globalization;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// ProgressService and the progress on the WatchRanking stream through the real server, on Đà Nẵng's 47 real communes
/// (<see cref="ProgressSeason"/>). Every expected count is derived here from the ledger of what the season sent:
/// per commune, the leaves sent at each stage, and the leaves whose round-1 value was made lower than the self value.
/// </summary>
[Collection(ProgressCollection.Name)]
public sealed class ProgressTests(ProgressSeason season)
{
    private const int Regular = 21;
    private const int Survey = 2;
    private static readonly CompareInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_province_progress_counts_what_each_commune_was_sent_and_lists_communes_in_Vietnamese_order()
    {
        var response = await season.Progress.GetProgressAsync(Request(ProgressSeason.Province), season.As(TestTokens.Viewer(ProgressSeason.Province))).ResponseAsync;

        var expected = season.Communes.Select(Expected).ToList();
        expected.Sort((a, b) => Vietnamese.Compare(a.UnitName, b.UnitName) is var byName && byName != 0 ? byName : string.CompareOrdinal(a.UnitCode, b.UnitCode));
        Assert.Equal(expected, response.Communes);
        Assert.Equal(Totals(expected), response.Totals);

        // The plan by position i of 47 (ProgressSeason.PlayAsync): self none for i % 4 = 0 (12 communes), all for
        // i % 4 = 1 (12) or 3 (11), some for i % 4 = 2 (12). Round 1 for i % 8 = 1, 3 (12 communes, all) and 5 (6, some).
        // Round 2 only for i % 8 = 3 (6, all). Survey: both for i % 3 = 0 (16), one for 1 (16), none for 2 (15).
        // Pending: i % 8 = 1 has 1.1 and 2.1.3 lower (6 communes); i % 16 = 9 (3 of them) explained 2.1.3, so 3 × 2 +
        // 3 × 1 = 9 items in 6 communes; i % 8 = 5 explained its one, i % 8 = 3 had round 2. Explained: 3 + 6 = 9.
        Assert.Equal(new ProgressTotals
        {
            UnitCount = 47,
            SelfAssessment = new StageProgress { All = 23, Some = 12, None = 12 },
            AppraisalRound1 = new StageProgress { All = 12, Some = 6, None = 29 },
            AppraisalRound2 = new StageProgress { All = 6, None = 41 },
            Survey = new StageProgress { All = 16, Some = 16, None = 15 },
            CommunesWithPendingExplanations = 6,
            PendingExplanations = 9,
            Explained = 9,
        }, response.Totals);
        Assert.True(response.Version > 0);
    }

    [Fact]
    public async Task A_district_counts_its_own_communes_and_a_commune_filter_keeps_the_scope_totals()
    {
        const string district = "492"; // Quận Hải Châu, 9 communes
        var viewer = season.As(TestTokens.Viewer(ProgressSeason.Province));
        var members = season.Communes.Where(c => c.ParentCode == district).ToList();

        var whole = await season.Progress.GetProgressAsync(Request(district), viewer).ResponseAsync;
        var one = await season.Progress.GetProgressAsync(Request(district, members[1].Code), viewer).ResponseAsync;

        Assert.Equal(9, members.Count);
        Assert.Equal(members.Select(c => c.Code).Order(StringComparer.Ordinal), whole.Communes.Select(c => c.UnitCode).Order(StringComparer.Ordinal));
        Assert.Equal(Totals([.. members.Select(Expected)]), whole.Totals);
        Assert.Equal([Expected(members[1])], one.Communes);
        Assert.Equal(whole.Totals, one.Totals);
    }

    [Fact]
    public async Task A_watcher_of_the_ranking_receives_a_commune_progress_and_the_new_totals_after_its_batch()
    {
        var admin = season.Server.ClientAs(TestTokens.ProvinceAdmin(ProgressSeason.Province));
        var commune = season.Communes[7];
        var other = season.Communes[8];
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = admin.Ranking.WatchRanking(
            new WatchRankingRequest { ScopeCode = ProgressSeason.Province, Period = Rpc.Year(ProgressSeason.QuietYear) }, cancellationToken: timeout.Token);

        var snapshot = (await NextAsync(watch, timeout.Token)).Snapshot;
        Assert.Equal(47, snapshot.ProgressTotals.UnitCount);
        Assert.Equal(new StageProgress { None = 47 }, snapshot.ProgressTotals.SelfAssessment);
        Assert.Equal(47, snapshot.Progress.Count);
        Assert.All(snapshot.Progress, p => Assert.Equal((Regular, Survey, 0, ProgressStatus.None), (p.RegularItems, p.SurveyItems, p.SelfAssessed, p.SelfAssessment)));

        // Every regular leaf self-assessed: the update carries the commune's progress (21 of 21) and the totals.
        await season.SubmitAsync(season.Request(commune.Code, ProgressSeason.QuietYear, Stage.SelfAssessment, ProgressSeason.RegularLeaves.Select(ProgressSeason.Full)));
        var first = (await NextAsync(watch, timeout.Token)).Update;
        Assert.Equal((snapshot.Version + 1, commune.Code), (first.Version, first.UnitCode));
        Assert.Equal(Row(commune, self: Regular), first.Progress);
        Assert.Equal(new StageProgress { All = 1, None = 46 }, first.ProgressTotals.SelfAssessment);
        Assert.Equal(new StageProgress { None = 47 }, first.ProgressTotals.Survey);

        // Another commune's survey point for one of the two survey leaves: "some" of the survey.
        await season.SubmitAsync(season.Request(other.Code, ProgressSeason.QuietYear, Stage.Survey, [new ItemScore { ItemCode = "6.1", Points = "7" }]));
        var second = (await NextAsync(watch, timeout.Token)).Update;
        Assert.Equal((first.Version + 1, other.Code), (second.Version, second.UnitCode));
        Assert.Equal(Row(other, surveyed: 1), second.Progress);
        Assert.Equal(new StageProgress { Some = 1, None = 46 }, second.ProgressTotals.Survey);
        Assert.Equal(new StageProgress { All = 1, None = 46 }, second.ProgressTotals.SelfAssessment);

        var read = await season.Progress.GetProgressAsync(
            new GetProgressRequest { ScopeCode = ProgressSeason.Province, Period = Rpc.Year(ProgressSeason.QuietYear) }, season.As(TestTokens.ProvinceAdmin(ProgressSeason.Province))).ResponseAsync;
        Assert.Equal(second.ProgressTotals, read.Totals);
        Assert.Equal(second.Version, read.Version);
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_status()
    {
        var admin = season.As(TestTokens.ProvinceAdmin(ProgressSeason.Province));

        async Task<RpcException> Refused(GetProgressRequest request, CallOptions? options = null) =>
            await Assert.ThrowsAsync<RpcException>(() => season.Progress.GetProgressAsync(request, options ?? admin).ResponseAsync);

        // A province code nobody imported, asked by a national viewer (anyone else is refused reading another
        // province before its existence is looked up), and a district code nobody imported.
        var unknown = await Refused(Request("97"), season.As(TestTokens.National));
        var unknownDistrict = await Refused(Request("999"));
        var malformed = await Refused(Request("4x"));
        var badCommune = await Refused(Request(ProgressSeason.Province, "2019"));
        var elsewhere = await Refused(Request(ProgressSeason.Province, "00001"));
        var half = await Refused(new GetProgressRequest { ScopeCode = ProgressSeason.Province, Period = new Period { Year = ProgressSeason.Year, Kind = PeriodKind.HalfYear, Number = 1 } });
        var noFramework = await Refused(new GetProgressRequest { ScopeCode = ProgressSeason.Province, Period = Rpc.Year(2022) });
        var stranger = await Refused(Request(ProgressSeason.Province), season.As(TestTokens.Viewer("01")));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No province or district 97 is registered for 2024", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknownDistrict.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("scope_code '4x'", malformed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badCommune.StatusCode);
        Assert.Contains("commune_code '2019'", badCommune.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, elsewhere.StatusCode);
        Assert.Contains("Commune 00001 is not a member of 48", elsewhere.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, half.StatusCode);
        Assert.Contains("does not serve half-year (6 tháng) periods such as 2024-H1", half.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, noFramework.StatusCode);
        Assert.Contains("Province 48 has no framework for 2022", noFramework.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, stranger.StatusCode);
    }

    private static GetProgressRequest Request(string scope, string commune = "") =>
        new() { ScopeCode = scope, Period = Rpc.Year(ProgressSeason.Year), CommuneCode = commune };

    /// <summary>The commune's row as the ledger says it must be.</summary>
    private CommuneProgress Expected(Unit commune)
    {
        var sent = season.Sent.GetValueOrDefault(commune.Code) ?? [];
        int Count(Stage stage) => sent.TryGetValue(stage, out var codes) ? codes.Count : 0;
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in (Stage[])[Stage.Explanation, Stage.AppraisalRound2])
        {
            answered.UnionWith(sent.GetValueOrDefault(stage) ?? []);
        }

        var pending = (season.Reduced.GetValueOrDefault(commune.Code) ?? []).Count(code => !answered.Contains(code));
        return Row(commune, Count(Stage.SelfAssessment), Count(Stage.AppraisalRound1), Count(Stage.Explanation), Count(Stage.AppraisalRound2),
            Count(Stage.Survey), pending);
    }

    private static CommuneProgress Row(Unit commune, int self = 0, int round1 = 0, int explained = 0, int round2 = 0, int surveyed = 0, int pending = 0) => new()
    {
        UnitCode = commune.Code,
        UnitName = commune.Name,
        RegularItems = Regular,
        SurveyItems = Survey,
        SelfAssessed = self,
        AppraisedRound1 = round1,
        Explained = explained,
        AppraisedRound2 = round2,
        Surveyed = surveyed,
        ExplanationsPending = pending,
        SelfAssessment = Status(self, Regular),
        AppraisalRound1 = Status(round1, Regular),
        AppraisalRound2 = Status(round2, Regular),
        Survey = Status(surveyed, Survey),
    };

    private static ProgressStatus Status(int done, int of) => done == 0 ? ProgressStatus.None : done == of ? ProgressStatus.All : ProgressStatus.Some;

    private static ProgressTotals Totals(IReadOnlyList<CommuneProgress> rows) => new()
    {
        UnitCount = rows.Count,
        SelfAssessment = Tally(rows.Select(r => r.SelfAssessment)),
        AppraisalRound1 = Tally(rows.Select(r => r.AppraisalRound1)),
        AppraisalRound2 = Tally(rows.Select(r => r.AppraisalRound2)),
        Survey = Tally(rows.Select(r => r.Survey)),
        CommunesWithPendingExplanations = rows.Count(r => r.ExplanationsPending > 0),
        PendingExplanations = rows.Sum(r => r.ExplanationsPending),
        Explained = rows.Sum(r => r.Explained),
    };

    private static StageProgress Tally(IEnumerable<ProgressStatus> statuses)
    {
        var list = statuses.ToList();
        return new StageProgress
        {
            All = list.Count(s => s == ProgressStatus.All),
            Some = list.Count(s => s == ProgressStatus.Some),
            None = list.Count(s => s == ProgressStatus.None),
        };
    }

    private static async Task<WatchRankingResponse> NextAsync(AsyncServerStreamingCall<WatchRankingResponse> watch, CancellationToken cancellationToken)
    {
        Assert.True(await watch.ResponseStream.MoveNext(cancellationToken), "the watch ended");
        return watch.ResponseStream.Current;
    }
}
